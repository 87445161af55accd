import { Command } from '../../../src';
import { codeOf, startSemanticsTest } from '../../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => (env = await startSemanticsTest()));
afterAll(() => env.stop());

test('the recursion limit ends a run with RECURSION_LIMIT; invoke(null) with a larger limit continues', async () => {
  const config = env.config(env.threadId('loop'));
  const graph = env.client.graph('counter');
  await expect(graph.invoke({ target: 10 }, { ...config, recursionLimit: 4 })).rejects.toMatchObject({
    code: 'RECURSION_LIMIT',
    message: expect.stringContaining('Recursion limit of 4'),
  });
  const stuck = await graph.getState(config);
  expect(stuck.status).toBe('error');
  expect(stuck.values.count).toBe(4);
  expect(stuck.next).toEqual(['inc']);
  const done = await graph.invoke(null, { ...config, recursionLimit: 50 });
  expect(done.count).toBe(10);
});

test('invoking a finished thread starts its next run from the state it ended with', async () => {
  const config = env.config(env.threadId('turns'));
  const graph = env.client.graph('counter');
  expect((await graph.invoke({ target: 2 }, config)).count).toBe(2);
  expect((await graph.invoke({ target: 5 }, config)).count).toBe(5);
  const history = await graph.getStateHistory(config);
  expect(history.filter((c) => c.metadata.source === 'input')).toHaveLength(2);
});

test('history lays checkpoints out as LangGraph does, newest first, and invoking a past checkpoint forks from there', async () => {
  const config = env.config(env.threadId('hist'));
  const graph = env.client.graph('counter');
  await graph.invoke({ target: 3 }, config);
  const history = await graph.getStateHistory(config);
  expect(history.map((c) => [c.metadata.step, c.metadata.source, c.next])).toEqual([
    [3, 'loop', []],
    [2, 'loop', ['inc']],
    [1, 'loop', ['inc']],
    [0, 'loop', ['inc']],
    [-1, 'input', ['__start__']],
  ]);
  expect(history[0].parentConfig).toEqual(history[1].config);
  expect(await graph.getStateHistory(config, { limit: 2 })).toHaveLength(2);
  const afterFirst = history[2];
  expect(afterFirst.values.count).toBe(1);
  const forked = await graph.invoke(null, { configurable: { ...config.configurable, checkpoint_id: afterFirst.config.configurable.checkpoint_id } });
  expect(forked.count).toBe(3);
  const newest = await graph.getStateHistory(config, { limit: 3 });
  // A fork's head is at its base step + 1; the steps it runs follow on from there.
  expect(newest.map((c) => [c.metadata.step, c.metadata.source])).toEqual([[4, 'loop'], [3, 'loop'], [2, 'fork']]);
});

test('one writer per thread: a run sent while the thread runs is THREAD_BUSY; enqueue waits its turn', async () => {
  const config = env.config(env.threadId('busy'));
  const graph = env.client.graph('slow');
  const first = graph.invoke({ ms: 1500 }, config);
  // Wait until the thread is seen running (its activity sleeps 1.5 s), rather than for a fixed time.
  let status = '';
  for (let i = 0; i < 50 && status !== 'running'; i++) {
    status = (await graph.getState(config).catch(() => ({ status: 'not started' }))).status;
    if (status !== 'running') await new Promise((r) => setTimeout(r, 20));
  }
  expect(status).toBe('running');
  expect(await codeOf(graph.invoke({ ms: 1 }, config))).toBe('THREAD_BUSY');
  expect(await codeOf(graph.updateState(config, { ms: 2 }))).toBe('THREAD_BUSY');
  const queued = graph.invoke({ ms: 10 }, { ...config, multitaskStrategy: 'enqueue' });
  expect((await first).log).toEqual(['slept 1500']);
  expect((await queued).log).toEqual(['slept 1500', 'slept 10']);
});

test('listThreads finds threads waiting for a human through visibility', async () => {
  const threadId = env.threadId('listed');
  const graph = env.client.graph('askTwice');
  await graph.invoke({}, env.config(threadId));
  let found: { threadId: string; status: string; pendingInterrupts: number; graph: string } | undefined;
  for (let attempt = 0; attempt < 50 && !found; attempt++) {
    for await (const t of env.client.listThreads({ graph: 'askTwice', status: 'interrupted' })) if (t.threadId === threadId) found = t;
    if (!found) await new Promise((r) => setTimeout(r, 200)); // visibility is eventually consistent
  }
  expect(found).toMatchObject({ threadId, status: 'interrupted', pendingInterrupts: 1, graph: 'askTwice' });
});

test('listThreads({ taskQueue }) finds only the threads started on that task queue (those its workers serve)', async () => {
  const threadId = env.threadId('queued-here');
  await env.client.graph('askTwice').invoke({}, env.config(threadId));
  expect(env.client.taskQueue).toBe(env.taskQueue);
  const listed = async (taskQueue: string) => {
    const ids: string[] = [];
    for await (const t of env.client.listThreads({ status: 'interrupted', taskQueue })) ids.push(t.threadId);
    return ids;
  };
  for (let attempt = 0; attempt < 50 && !(await listed(env.taskQueue)).includes(threadId); attempt++) await new Promise((r) => setTimeout(r, 200));
  expect(await listed(env.taskQueue)).toContain(threadId);
  expect(await listed(`${env.taskQueue}-elsewhere`)).toEqual([]);
});

test('stream yields each node update and then the interrupt chunk', async () => {
  const config = env.config(env.threadId('stream'));
  const graph = env.client.graph('parallelAsk');
  const chunks: unknown[] = [];
  for await (const chunk of graph.stream({}, { ...config, streamMode: 'updates' })) chunks.push(chunk);
  // The sibling that finished is streamed as it finishes, while the two others wait (as LangGraph).
  expect(chunks).toEqual([{ quiet: { log: ['quiet'] } }, { __interrupt__: [{ id: expect.any(String), value: 'a?' }, { id: expect.any(String), value: 'b?' }] }]);
  const counterChunks: unknown[] = [];
  for await (const chunk of env.client.graph('counter').stream({ target: 2 }, { ...env.config(env.threadId('s2')), streamMode: ['updates', 'values'] })) counterChunks.push(chunk);
  expect(counterChunks).toEqual([
    ['values', { count: 0, target: 2 }],
    ['updates', { inc: { count: 1 } }],
    ['values', { count: 1, target: 2 }],
    ['updates', { inc: { count: 1 } }],
    ['values', { count: 2, target: 2 }],
  ]);
});

test('an interrupt inside a subgraph called from a node surfaces on the parent thread and is answered there', async () => {
  const config = env.config(env.threadId('sub'));
  const graph = env.client.graph('withSubgraph');
  const paused = await graph.invoke({}, config);
  expect(paused.__interrupt__).toEqual([{ id: expect.stringMatching(/^[0-9a-f]{32}$/), value: { question: 'Approve the draft?', draft: 'v1' } }]);
  expect((await graph.getState(config)).next).toEqual(['delegate']);
  const done = await graph.invoke(new Command({ resume: 'approved' }), config);
  expect(done).toMatchObject({ verdict: 'approved', log: ['write', 'delegate'] });
});

test('Send fans out one task per item, a node retry policy re-runs a failing task, and the join runs once', async () => {
  const threadId = env.threadId('fan');
  const done = await env.client.graph('fanOut').invoke({ items: [`${threadId}-a`, `${threadId}-b`, `${threadId}-c`] }, env.config(threadId));
  expect(done.summary).toBe([`${threadId}-a`, `${threadId}-b`, `${threadId}-c`].map((k) => k.toUpperCase()).join(','));
  expect(env.calls.filter((c) => c.startsWith(`flakyOnce:${threadId}`))).toHaveLength(6);
  const history = await env.client.graph('fanOut').getStateHistory(env.config(threadId));
  expect(history.map((c) => [c.metadata.step, c.next])).toEqual([[3, []], [2, ['join']], [1, ['work', 'work', 'work']], [0, ['split']], [-1, ['__start__']]]);
});

async function settled(graph: ReturnType<typeof env.client.graph>, config: { configurable: { thread_id: string } }) {
  for (let i = 0; i < 100; i++) {
    const state = await graph.getState(config);
    if (state.status !== 'interrupted' && state.status !== 'running') return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the thread did not go on after its interrupt timed out');
}

test('an interrupt with a timeout goes on by itself with the onTimeout answer when nobody answers', async () => {
  const config = env.config(env.threadId('timeout'));
  const graph = env.client.graph('timedApproval');
  expect((await graph.invoke({}, config)).__interrupt__).toHaveLength(1);
  const state = await settled(graph, config);
  expect(state.status).toBe('idle');
  expect(state.values.answer).toBe('auto-reject');
  expect(await codeOf(graph.invoke(new Command({ resume: 'too late' }), config))).toBe('NOTHING_TO_RESUME');
});

test('an interrupt timeout without an answer fails the node with its error; an answer in time wins', async () => {
  const strict = env.config(env.threadId('timeout-strict'));
  const graph = env.client.graph('timedApproval');
  await graph.invoke({ strict: true }, strict);
  const failed = await settled(graph, strict);
  expect(failed.status).toBe('error');
  expect(failed.tasks[0].error?.message).toContain('nobody approved in time');
  const inTime = env.config(env.threadId('timeout-answered'));
  await graph.invoke({}, inTime);
  expect((await graph.invoke(new Command({ resume: 'approved' }), inTime)).answer).toBe('approved');
});
