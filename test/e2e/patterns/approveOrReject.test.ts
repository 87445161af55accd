import { Command } from '../../../src';
import { GraphTestEnv, startGraphTest } from '../../helpers/harness';

let env: GraphTestEnv;
beforeAll(async () => (env = await startGraphTest()));
afterAll(() => env.stop());

const ACTION = 'Archive the 2019 invoices';

test('an approval routes to execute, which performs the action once', async () => {
  const threadId = env.threadId('aor');
  const config = env.config(threadId);
  const graph = env.client.graph('approveOrReject');
  const paused = await graph.invoke({ action: ACTION }, config);
  expect(paused.__interrupt__).toEqual([
    { id: expect.stringMatching(/^[0-9a-f]{32}$/), value: { question: 'Approve or reject this action?', action: ACTION, options: ['approve', 'reject'] } },
  ]);
  expect((await graph.getState(config)).next).toEqual(['review']);

  const done = await graph.invoke(new Command({ resume: 'approve' }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(done).toMatchObject({ decision: 'approve', outcome: `executed: ${ACTION}` });
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([['executeAction', { action: ACTION }]]);
  const history = await graph.getStateHistory(config);
  expect(history.flatMap((c) => Object.keys(c.metadata.writes ?? {}))).toEqual(['execute', 'review', '__start__']);
});

test('a rejection routes to cancel and nothing is executed', async () => {
  const threadId = env.threadId('aor');
  const config = env.config(threadId);
  const graph = env.client.graph('approveOrReject');
  await graph.invoke({ action: ACTION }, config);
  const done = await graph.invoke(new Command({ resume: 'reject' }), config);
  expect(done).toMatchObject({ decision: 'reject', outcome: `cancelled: ${ACTION}` });
  expect(env.effects(threadId)).toHaveLength(0);
  const state = await graph.getState(config);
  expect(state.status).toBe('idle');
  expect(Object.keys(state.metadata.writes ?? {})).toEqual(['cancel']);
});
