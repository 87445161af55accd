import { Command } from '../../src';
import { GraphTestEnv, startGraphTest } from '../helpers/harness';

let env: GraphTestEnv;
beforeAll(async () => (env = await startGraphTest()));
afterAll(() => env.stop());

test('the approval gate pauses with the planned action and executes once approved', async () => {
  const threadId = env.threadId('gate');
  const config = env.config(threadId);
  const graph = env.client.graph('approvalGate');
  const paused = await graph.invoke({ action: '' }, config);
  expect(paused.__interrupt__).toEqual([
    { id: expect.stringMatching(/^[0-9a-f]{32}$/), value: { question: 'Approve this action?', planned_action: 'Delete 1,432 inactive user accounts' } },
  ]);
  expect(env.effects(threadId)).toHaveLength(0);
  const state = await graph.getState(config);
  expect(state.status).toBe('interrupted');
  expect(state.next).toEqual(['approve']);

  const done = await graph.invoke(new Command({ resume: 'approve' }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(done.approved).toBe(true);
  expect(done.log).toEqual(['done: Delete 1,432 inactive user accounts']);
  expect(env.effects(threadId).map((e) => e.action)).toEqual(['deleteAccounts']);
  expect((await graph.getState(config)).status).toBe('idle');
});

test('a rejected action is never executed', async () => {
  const threadId = env.threadId('gate');
  const config = env.config(threadId);
  const graph = env.client.graph('approvalGate');
  await graph.invoke({ action: '' }, config);
  const done = await graph.invoke(new Command({ resume: 'reject' }), config);
  expect(done.approved).toBe(false);
  expect(done.log).toEqual(['rejected']);
  expect(env.effects(threadId)).toHaveLength(0);
});

test("a thread's history records its search attributes once per resting point, only those that changed", async () => {
  const threadId = env.threadId('gate');
  const config = env.config(threadId);
  const graph = env.client.graph('approvalGate');
  const handle = env.client.temporal.workflow.getHandle(threadId);
  const attributes = async () => (await handle.describe()).searchAttributes;
  await graph.invoke({ action: '' }, config);
  expect(await attributes()).toMatchObject({ DurableGraphName: ['approvalGate'], DurableGraphStatus: ['interrupted'], DurableGraphPendingInterrupts: [1] });
  await graph.invoke(new Command({ resume: 'approve' }), config);
  expect(await attributes()).toMatchObject({ DurableGraphStatus: ['idle'], DurableGraphPendingInterrupts: [0] });

  // Each upsert is a history event: the start's transitions (running, a pending interrupt, paused) made
  // four of them, each with all four attributes; the client now sets them with the start.
  const history = await handle.fetchHistory();
  const upserts = (history.events ?? []).flatMap((e) => (e.upsertWorkflowSearchAttributesEventAttributes ? [Object.keys(e.upsertWorkflowSearchAttributesEventAttributes.searchAttributes?.indexedFields ?? {}).sort()] : []));
  expect(upserts).toEqual([
    ['DurableGraphPendingInterrupts', 'DurableGraphStatus', 'DurableGraphWaitingSince'], // paused
    ['DurableGraphPendingInterrupts', 'DurableGraphStatus', 'DurableGraphWaitingSince'], // running the approved action
    ['DurableGraphStatus'], // idle
  ]);
});
