import { Command } from '../../../src';
import { GraphTestEnv, startGraphTest } from '../../helpers/harness';

let env: GraphTestEnv;
beforeAll(async () => (env = await startGraphTest()));
afterAll(() => env.stop());

const PROPOSED = ['Add unit tests for parseConfig', 'Remove the unused lodash import'];

test('a reviewer corrects the proposed changes while the approval waits, and apply uses the corrected list', async () => {
  const threadId = env.threadId('pr');
  const config = env.config(threadId);
  const graph = env.client.graph('prReview');

  const paused = await graph.invoke({ repo: 'acme/api' }, config);
  expect(paused.__interrupt__).toEqual([
    { id: expect.stringMatching(/^[0-9a-f]{32}$/), value: { question: 'Apply these changes?', repo: 'acme/api', changes: PROPOSED } },
  ]);
  const interruptId = paused.__interrupt__![0].id;

  const corrected = ['Add unit tests for parseConfig and loadConfig', 'Remove the unused lodash import', 'Bump the version to 1.4.1'];
  await graph.updateState(config, { changes: corrected });
  const waiting = await graph.getState(config);
  expect(waiting.status).toBe('interrupted');
  expect(waiting.next).toEqual(['approve']);
  expect(waiting.values.changes).toEqual(corrected);
  expect(waiting.interrupts.map((i) => i.id)).toEqual([interruptId]);
  expect(env.effects(threadId)).toHaveLength(0);

  const done = await graph.invoke(new Command({ resume: 'approve' }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(done).toMatchObject({ approved: true, approvedChanges: corrected, result: 'applied 3 change(s) to acme/api' });
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([['applyChanges', { repo: 'acme/api', changes: corrected }]]);
  const final = await graph.getState(config);
  expect(final.status).toBe('idle');
  expect(final.next).toEqual([]);
});

test('an approval without corrections applies the proposed changes', async () => {
  const threadId = env.threadId('pr');
  const config = env.config(threadId);
  const graph = env.client.graph('prReview');
  await graph.invoke({ repo: 'acme/web' }, config);
  await graph.invoke(new Command({ resume: 'approve' }), config);
  expect(env.effects(threadId).map((e) => e.details)).toEqual([{ repo: 'acme/web', changes: PROPOSED }]);
});

test('a rejected review applies nothing', async () => {
  const threadId = env.threadId('pr');
  const config = env.config(threadId);
  const graph = env.client.graph('prReview');
  await graph.invoke({ repo: 'acme/api' }, config);
  const done = await graph.invoke(new Command({ resume: 'reject' }), config);
  expect(done).toMatchObject({ approved: false, result: 'rejected: nothing applied' });
  expect(env.effects(threadId)).toHaveLength(0);
});
