// Runs by request id (what the HTTP server builds runs on): a caller-chosen id applies a request once,
// submit returns once the thread has accepted the run (a refusal throws there), awaitRun and
// joinStream find the run again by its id.
import { Command } from '../../../src';
import { codeOf, startSemanticsTest } from '../../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => {
  env = await startSemanticsTest();
});
afterAll(() => env?.stop());

test('submit returns once the thread accepted the run; awaitRun and joinStream by its id give its result and events', async () => {
  const config = env.config(env.threadId('submit'));
  const graph = env.client.graph('counter');
  const run = await graph.submit({ target: 3 }, { ...config, requestId: 'run-0001', streamMode: 'updates' });
  expect(run.requestId).toBe('run-0001');
  const events: unknown[] = [];
  for await (const chunk of graph.joinStream(config, { requestId: 'run-0001' })) events.push(chunk);
  expect(events).toEqual([['updates', { inc: { count: 1 } }], ['updates', { inc: { count: 1 } }], ['updates', { inc: { count: 1 } }]]);
  expect(await run.result).toEqual({ count: 3, target: 3 });
  expect(await graph.awaitRun(config, 'run-0001')).toEqual({ count: 3, target: 3 });
  expect(await graph.awaitRun(config, 'no-such-run')).toBeUndefined();
});

test('a refused submit throws its code and leaves nothing; the same request id sent again is applied once', async () => {
  const config = env.config(env.threadId('once'));
  const graph = env.client.graph('askTwice');
  expect(await codeOf(graph.submit(new Command({ resume: 'x' }), config))).toBe('NOTHING_TO_RESUME');
  const paused = await graph.invoke({}, { ...config, requestId: 'ask-0001' });
  const again = await graph.invoke({}, { ...config, requestId: 'ask-0001' }); // a retry of the same request, not new input
  expect(again).toEqual(paused);
  // Refused by the thread's validator (not by the client): Temporal answers it as it answers a finished update.
  expect(await codeOf(graph.submit({}, config))).toBe('PENDING_INTERRUPT');
  expect((await graph.getAuditLog(config)).map((e) => e.requestId)).toEqual(['ask-0001']);
});

test('findThread describes a thread from visibility, on its task queue; deleteThread removes it', async () => {
  const config = env.config(env.threadId('find'));
  await env.client.graph('counter').invoke({ target: 1 }, config);
  const thread = config.configurable.thread_id;
  expect(await env.client.findThread(thread)).toMatchObject({ threadId: thread, graph: 'counter', taskQueue: env.taskQueue });
  expect(await env.client.deleteThread(thread)).toBe(true);
  expect(await env.client.findThread(thread)).toBeUndefined();
  expect(await env.client.deleteThread(thread)).toBe(false);
});
