// Regression tests for the thread core (issue 7): each failed on the code before the core's rewrite.
import { Command, END } from '../../src';
import { codeOf, startSemanticsTest } from '../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => {
  env = await startSemanticsTest();
});
afterAll(async () => {
  await env?.stop();
});

/** The thread's history events; none while its workflow does not exist yet. */
async function historyOf(threadId: string) {
  try {
    return (await env.client.temporal.workflow.getHandle(threadId).fetchHistory()).events ?? [];
  } catch (err) {
    if ((err as Error).name === 'WorkflowNotFoundError' || /NOT_FOUND/.test(String(err))) return [];
    throw err;
  }
}

test('a queued duplicate of a plain answer is ALREADY_ANSWERED at its turn and never answers the next question', async () => {
  const config = env.config(env.threadId('dup'));
  const graph = env.client.graph('askTwice');
  const first = await graph.invoke({}, config);
  const firstId = first.__interrupt__![0].id!;
  const results = await Promise.allSettled(
    Array.from({ length: 8 }, () => graph.invoke(new Command({ resume: 'Ada' }), { ...config, multitaskStrategy: 'enqueue' })),
  );
  const won = results.filter((r) => r.status === 'fulfilled');
  const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: string }).code] : []));
  expect(won).toHaveLength(1);
  expect(codes).toEqual(Array(7).fill('ALREADY_ANSWERED'));
  const state = await graph.getState(config);
  expect(state.interrupts).toMatchObject([{ id: expect.not.stringMatching(firstId), value: { question: 'role?' }, raisedAt: expect.any(String) }]);
  const done = await graph.invoke(new Command({ resume: 'admin' }), config);
  expect(done).toMatchObject({ name: 'Ada', role: 'admin' });
});

test('duplicates sent by id with enqueue: one wins, the others are ALREADY_ANSWERED, none is told success', async () => {
  const config = env.config(env.threadId('dupid'));
  const graph = env.client.graph('askTwice');
  const id = (await graph.invoke({}, config)).__interrupt__![0].id!;
  const results = await Promise.allSettled(
    Array.from({ length: 8 }, () => graph.invoke(new Command({ resume: { [id]: 'Ada' } }), { ...config, multitaskStrategy: 'enqueue' })),
  );
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: string }).code] : []));
  expect(codes).toEqual(Array(7).fill('ALREADY_ANSWERED'));
});

test.each(['toString', 'constructor', 'hasOwnProperty', '__proto__'])(
  'the inherited name %p is an unknown state key for updateState and Command update, and nothing is stored',
  async (key) => {
    const config = env.config(env.threadId('proto'));
    const graph = env.client.graph('askTwice');
    await graph.invoke({}, config);
    const before = await graph.getState(config);
    const values = JSON.parse(`{${JSON.stringify(key)}: 1}`) as Record<string, unknown>;
    expect(await codeOf(graph.updateState(config, values))).toBe('INVALID_UPDATE');
    expect(await codeOf(graph.invoke(new Command({ update: values }), config))).toBe('INVALID_UPDATE');
    expect(await graph.getState(config)).toEqual(before);
  },
);

test('updateState on a thread whose node failed applies the update and answers with its checkpoint', async () => {
  const config = env.config(env.threadId('failed-update'));
  const graph = env.client.graph('failAfterAnswer');
  await graph.invoke({}, config);
  env.control.failing = true;
  try {
    expect(await codeOf(graph.invoke(new Command({ resume: 'pay' }), config))).toBe('NODE_FAILED');
  } finally {
    env.control.failing = false;
  }
  const written = await graph.updateState(config, { result: 'settled by hand' });
  const state = await graph.getState(config);
  expect(state.config).toEqual(written);
  expect(state.values.result).toBe('settled by hand');
  expect(state.status).toBe('error');
});

test('updateState on a thread that never ran seeds it as the input; invoke(null) then runs the entry node', async () => {
  const config = env.config(env.threadId('seed'));
  const graph = env.client.graph('counter');
  await graph.updateState(config, { target: 2 });
  const seeded = await graph.getState(config);
  expect([seeded.metadata.step, seeded.metadata.source, seeded.next]).toEqual([0, 'update', ['inc']]);
  const done = await graph.invoke(null, config);
  expect(done).toEqual({ count: 2, target: 2 });
});

test('a failure of the thread itself fails the workflow task for Temporal to retry, and is never a user-facing code', async () => {
  const threadId = env.threadId('bug');
  const config = env.config(threadId);
  const outcome = env.client.graph('brokenResult').invoke({}, config).then(
    () => 'resolved',
    (err: { code?: string }) => err.code ?? 'untyped',
  );
  let failed = false;
  for (let i = 0; i < 100 && !failed; i++) {
    failed = (await historyOf(threadId)).some((e) => e.workflowTaskFailedEventAttributes?.failure?.message?.includes('a getter that throws'));
    if (!failed) await new Promise((r) => setTimeout(r, 100));
  }
  expect(failed).toBe(true);
  const settledEarly = await Promise.race([outcome, new Promise((r) => setTimeout(() => r('still waiting'), 500))]);
  expect(settledEarly).toBe('still waiting');
  await env.client.temporal.workflow.getHandle(threadId).terminate('test over');
  await outcome;
});

test('dropping pending work with asNode END keeps the finished writes and leaves nothing next', async () => {
  const config = env.config(env.threadId('end'));
  const graph = env.client.graph('askTwice');
  await graph.invoke({}, config);
  await graph.updateState(config, null, { asNode: END });
  const state = await graph.getState(config);
  expect([state.next, state.interrupts, state.status]).toEqual([[], [], 'idle']);
  expect(state.metadata.source).toBe('update');
});

test('getStateHistory pages with limit and before, newest first', async () => {
  const config = env.config(env.threadId('pages'));
  const graph = env.client.graph('counter');
  await graph.invoke({ target: 4 }, config);
  const all = await graph.getStateHistory(config);
  expect(all.map((c) => c.metadata.step)).toEqual([4, 3, 2, 1, 0, -1]);
  const second = await graph.getStateHistory(config, { limit: 2, before: all[1].config.configurable.checkpoint_id });
  expect(second).toEqual(all.slice(2, 4));
  expect(await graph.getStateHistory(config, { before: all[all.length - 1].config.configurable.checkpoint_id })).toEqual([]);
});
