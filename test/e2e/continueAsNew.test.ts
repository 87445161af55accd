import { CHECKPOINT_LOG_BYTES } from '../../src/runtime/core/limits';
import { Command } from '../../src';
import { DevServer, startDevServer } from '../../src/server/devServer';
import { codeOf, startSemanticsTest } from '../helpers/semantics';

// A server that suggests continue-as-new after 40 history events, so long threads hand over often.
let server: DevServer;
let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => {
  // A low event count makes Temporal suggest continue-as-new within a few requests.
  server = await startDevServer({ log: () => undefined, extraArgs: ['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=25'] });
  env = await startSemanticsTest({ address: server.address });
}, 120_000);
afterAll(async () => {
  await env?.stop();
  await server?.stop();
});

/** Every run of the thread's workflow; the newest run is read directly (visibility lags a little). */
async function runsOf(threadId: string): Promise<Array<{ runId: string; historyLength: number }>> {
  const current = await env.client.temporal.workflow.getHandle(threadId).describe();
  const runs = new Map([[current.runId, current.historyLength]]);
  for await (const wf of env.client.temporal.workflow.list({ query: `WorkflowId = '${threadId}'` })) {
    if (!runs.has(wf.runId)) runs.set(wf.runId, wf.historyLength);
  }
  return [...runs].map(([runId, historyLength]) => ({ runId, historyLength }));
}

test('a 2,000-superstep loop finishes across continue-as-new with every run\'s history kept small', async () => {
  const threadId = env.threadId('long');
  const done = await env.client.graph('activityCounter').invoke({ target: 2000 }, { ...env.config(threadId), recursionLimit: 2500 });
  expect(done.count).toBe(2000);
  const runs = await runsOf(threadId);
  expect(runs.length).toBeGreaterThan(10);
  // Temporal warns at 10,240 events; every run here stays near the suggestion threshold.
  expect(Math.max(...runs.map((r) => r.historyLength))).toBeLessThan(200);
  const history = await env.client.graph('activityCounter').getStateHistory(env.config(threadId));
  // The checkpoint log is bounded by bytes (CHECKPOINT_LOG_BYTES besides the head), not by count:
  // a small state keeps a long history, but not all 2,002 checkpoints.
  expect(history.length).toBeGreaterThan(100);
  expect(history.length).toBeLessThan(2002);
  expect(history.length * 200).toBeLessThan(2 * CHECKPOINT_LOG_BYTES);
  expect(history[0].values.count).toBe(2000);
}, 180_000);

test('a request queued while the thread hands over to its next run is not lost', async () => {
  const config = env.config(env.threadId('queued'));
  const graph = env.client.graph('activityCounter');
  const long = graph.invoke({ target: 150 }, { ...config, recursionLimit: 500 });
  await new Promise((r) => setTimeout(r, 300));
  const queued = graph.invoke({ target: 160 }, { ...config, recursionLimit: 500, multitaskStrategy: 'enqueue' });
  expect((await long).count).toBe(150);
  expect((await queued).count).toBe(160);
}, 120_000);

test('ids of answered interrupts travel with the state: an old answer is still ALREADY_ANSWERED after continue-as-new', async () => {
  const threadId = env.threadId('answered');
  const config = env.config(threadId);
  const graph = env.client.graph('askTwice');
  const first = await graph.invoke({}, config);
  const firstId = first.__interrupt__![0].id!;
  await graph.invoke(new Command({ resume: { [firstId]: 'Ada' } }), config);
  const done = await graph.invoke(new Command({ resume: 'admin' }), config);
  expect(done).toMatchObject({ name: 'Ada', role: 'admin' });
  const firstRun = (await runsOf(threadId)).length;
  // Keep the thread busy with new turns until it has continued as new at least once.
  for (let i = 0; i < 20 && (await runsOf(threadId)).length === firstRun; i++) {
    await graph.updateState(config, { note: `turn ${i}` });
  }
  expect((await runsOf(threadId)).length).toBeGreaterThan(firstRun);
  expect(await codeOf(graph.invoke(new Command({ resume: { [firstId]: 'again' } }), config))).toBe('ALREADY_ANSWERED');
  expect((await graph.getState(config)).values).toMatchObject({ name: 'Ada', role: 'admin', note: expect.stringMatching(/^turn/) });
}, 120_000);

test('a thread whose state grows to 1 MiB over 210 supersteps with interrupts and continue-as-new finishes, after forking from the oldest checkpoint it offers', async () => {
  const threadId = env.threadId('big');
  const config = env.config(threadId);
  const options = { ...config, recursionLimit: 300 };
  const graph = env.client.graph('growingState');
  let result = await graph.invoke({ chunkSize: 5 * 1024, target: 210, askEvery: 50 }, options);
  expect(result.__interrupt__).toHaveLength(1);

  // At 250 KiB of state the log offers the head and older checkpoints within its byte budget.
  const history = await graph.getStateHistory(config);
  expect(history.length).toBeGreaterThan(1);
  const oldest = history[history.length - 1];
  result = await graph.invoke(null, { ...options, configurable: { ...config.configurable, checkpoint_id: oldest.config.configurable.checkpoint_id } });
  expect((await graph.getStateHistory(config, { limit: 50 })).some((c) => c.metadata.source === 'fork')).toBe(true);

  for (let asked = 0; result.__interrupt__; asked++) {
    expect(asked).toBeLessThan(5);
    result = await graph.invoke(new Command({ resume: `ok ${asked}` }), options);
  }
  // Over 256 KiB an outcome leaves the values out and the client reads them with getState.
  expect((result.chunks as string[]).length).toBe(210);
  expect(JSON.stringify(result.chunks).length).toBeGreaterThan(1024 * 1024);
  expect(result.answers).toEqual(['ok 0', 'ok 1', 'ok 2', 'ok 3']);
  expect((await runsOf(threadId)).length).toBeGreaterThan(1);
  const events = (await env.client.temporal.workflow.getHandle(threadId).fetchHistory()).events ?? [];
  expect(events.some((e) => e.workflowTaskFailedEventAttributes)).toBe(false);
  expect((await graph.getStateHistory(config)).length).toBeGreaterThanOrEqual(1);
}, 240_000);

test('a stream goes on across continue-as-new, and a reader that rejoins with the last event id in a later run misses and repeats nothing', async () => {
  const threadId = env.threadId('stream');
  const config = { ...env.config(threadId), recursionLimit: 200 };
  const graph = env.client.graph('activityCounter');
  const stream = graph.stream({ target: 120 }, { ...config, streamMode: 'values' });
  const counts: number[] = [];
  for await (const chunk of stream) {
    counts.push((chunk as { count: number }).count);
    if (counts.length === 10) break; // the reader goes away after ten states
  }
  const lastEventId = stream.lastEventId!;
  // Wait until the thread has finished, several runs later, then rejoin.
  for (let i = 0; i < 300 && (await graph.getState(config)).status !== 'idle'; i++) await new Promise((r) => setTimeout(r, 100));
  expect((await runsOf(threadId)).length).toBeGreaterThan(2);
  for await (const chunk of graph.joinStream(config, { lastEventId, streamMode: 'values' })) counts.push((chunk as { count: number }).count);
  expect(counts).toEqual(Array.from({ length: 121 }, (_, i) => i));

  // A reader that stays connected while the run hands over several times sees every state once.
  const runsBefore = (await runsOf(threadId)).length;
  const live: number[] = [];
  for await (const chunk of graph.stream({ target: 200 }, { ...config, streamMode: 'values' })) live.push((chunk as { count: number }).count);
  expect(live).toEqual(Array.from({ length: 81 }, (_, i) => 120 + i));
  expect((await runsOf(threadId)).length).toBeGreaterThan(runsBefore);
}, 120_000);

test('the audit log lists every accepted request with who, when and what, across continue-as-new, read with no worker running', async () => {
  const threadId = env.threadId('audit');
  const config = env.config(threadId);
  const alice = env.client.withIdentity({ id: 'alice', roles: ['sales'] }).graph('approvedPayment');
  const carol = env.client.withIdentity({ id: 'carol', roles: ['finance'] }).graph('approvedPayment');
  let payments = 0;
  let lastId = '';
  const pay = async () => {
    const paused = await alice.invoke({ amount: 900 + payments++, quorum: 1 }, config);
    lastId = paused.__interrupt__![0].id!;
    // A refused answer leaves no history, so it is not in the log.
    await expect(alice.invoke(new Command({ resume: 'approve' }), config)).rejects.toMatchObject({ code: 'NOT_AUTHORIZED' });
    await carol.invoke(new Command({ resume: 'approve' }), config);
  };
  // Payment after payment on one thread (a finished thread hands over between runs) until it has
  // continued as new, then one more in the new run.
  do {
    expect(payments).toBeLessThan(20);
    await pay();
  } while ((await runsOf(threadId)).length < 2);
  await pay();

  // The log comes from Temporal's history, not from the thread: stop the worker first.
  env.worker.worker.shutdown();
  for (let i = 0; i < 100 && env.worker.worker.getState() !== 'STOPPED'; i++) await new Promise((r) => setTimeout(r, 100));
  expect(env.worker.worker.getState()).toBe('STOPPED');
  const log = await env.client.graph('approvedPayment').getAuditLog(config);
  expect(log).toHaveLength(2 * payments);
  expect(log[0]).toMatchObject({ kind: 'input', by: { id: 'alice' }, values: { amount: 900, quorum: 1 }, outcome: { status: 'interrupted' } });
  expect(log.filter((e) => e.kind === 'input').map((e) => e.values!.amount)).toEqual(Array.from({ length: payments }, (_, i) => 900 + i));
  expect(log.filter((e) => e.kind === 'resume').every((e) => e.by.id === 'carol')).toBe(true);
  expect(log.at(-1)).toMatchObject({ kind: 'resume', by: { id: 'carol', roles: ['finance'] }, interruptIds: [lastId], answer: { [lastId]: 'approve' }, outcome: { status: 'idle' } });
  expect(new Set(log.map((e) => e.runId)).size).toBeGreaterThan(1);
  const times = log.map((e) => Date.parse(e.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
});
