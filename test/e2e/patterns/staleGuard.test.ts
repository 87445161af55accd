import { Command } from '../../../src';
import { GraphTestEnv, startGraphTest } from '../../helpers/harness';

let env: GraphTestEnv;
beforeAll(async () => (env = await startGraphTest()));
afterAll(() => env.stop());

test('a proposal approved after its target changed is not applied', async () => {
  const threadId = env.threadId('stale');
  const config = env.config(threadId);
  const graph = env.client.graph('staleGuard');
  const target = `doc-${threadId}`;
  const change = 'Raise the rate limit to 200 rps';

  const paused = await graph.invoke({ target, change }, config);
  expect(paused.__interrupt__).toEqual([
    { id: expect.stringMatching(/^[0-9a-f]{32}$/), value: { question: 'Apply this change?', proposal: { target, version: 1, change } } },
  ]);
  env.versions.set(target, 2); // someone else changed the target while the approval waited

  const done = await graph.invoke(new Command({ resume: 'approve' }), config);
  expect(done).toMatchObject({
    approved: true,
    outcome: 'stale',
    result: `${target} changed from version 1 to 2 after the proposal; nothing applied`,
  });
  expect(env.effects(threadId).filter((e) => e.action === 'applyProposal')).toEqual([]);
  expect(env.versions.get(target)).toBe(2);
});

test('a proposal approved while its target is unchanged is applied', async () => {
  const threadId = env.threadId('stale');
  const config = env.config(threadId);
  const graph = env.client.graph('staleGuard');
  const target = `doc-${threadId}`;
  await graph.invoke({ target, change: 'Fix the typo in the title' }, config);
  const done = await graph.invoke(new Command({ resume: 'approve' }), config);
  expect(done).toMatchObject({ outcome: 'applied', result: `applied to ${target}` });
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([
    ['applyProposal', { target, version: 1, change: 'Fix the typo in the title' }],
  ]);
  expect(env.versions.get(target)).toBe(2);
});
