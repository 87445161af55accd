// A client cut off from Temporal by a real network failure: a TCP proxy between the client and the
// dev server is cut and restored, while the worker keeps its own connection.
import { Command, GraphClient } from '../../../src';
import { createSemanticsActivities } from '../../helpers/semanticsActivities';
import { GraphTestEnv, startGraphTest, testServerAddress } from '../../helpers/harness';
import { codeOf } from '../../helpers/semantics';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcpProxy';

/** failAfterAnswer's activity, held open per answer until the test releases it. */
function gatedActivity() {
  const calls: string[] = [];
  const started = new Set<string>();
  const releases = new Map<string, () => void>();
  const opened = new Map<string, Promise<void>>();
  const gateOf = (input: string) => {
    if (!opened.has(input)) opened.set(input, new Promise<void>((resolve) => releases.set(input, resolve)));
    return opened.get(input)!;
  };
  return {
    calls,
    started,
    release: (input: string) => (gateOf(input), releases.get(input)!()),
    /** Lets every held activity finish, so the worker can shut down even after a failed test. */
    releaseAll: () => releases.forEach((release) => release()),
    mayFail: async (input: string): Promise<string> => {
      calls.push(input);
      started.add(input);
      await gateOf(input);
      return `ok:${input}`;
    },
  };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let env: GraphTestEnv;
let gate: ReturnType<typeof gatedActivity>;
let proxy: TcpProxy;
const clients: GraphClient[] = [];

beforeAll(async () => {
  gate = gatedActivity();
  env = await startGraphTest({ activities: { ...createSemanticsActivities().activities, mayFail: gate.mayFail } });
  proxy = await startTcpProxy(testServerAddress());
});
afterAll(async () => {
  gate.releaseAll();
  for (const client of clients) await client.close();
  await proxy.close();
  await env.stop();
});
afterEach(() => proxy.restore());

/** A client that reaches Temporal through the proxy. */
async function proxiedClient(requestTimeout: number): Promise<GraphClient> {
  const client = await GraphClient.connect({ address: proxy.address, taskQueue: env.taskQueue, requestTimeout });
  clients.push(client);
  return client;
}

/** The update ids the thread's current run accepted (a request's update id is its request id). */
async function acceptedUpdates(threadId: string): Promise<Array<{ name: string; id: string }>> {
  const history = await env.client.temporal.workflow.getHandle(threadId).fetchHistory();
  return (history.events ?? [])
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest)
    .filter((r) => r != null)
    .map((r) => ({ name: r.input?.name ?? '', id: r.meta?.updateId ?? '' }));
}

test('an answer in flight when Temporal becomes unreachable fails with UNAVAILABLE naming its request id; getState then shows it was applied', async () => {
  const graph = (await proxiedClient(1_500)).graph('failAfterAnswer');
  const threadId = env.threadId('inflight');
  const config = env.config(threadId);
  await graph.invoke({}, config);
  const answering = graph.invoke(new Command({ resume: 'inflight' }), config).then(
    () => new Error('expected UNAVAILABLE, but the answer succeeded') as Error & { code?: string },
    (err: unknown) => err as Error & { code?: string },
  );
  await until(() => gate.started.has('inflight'), 'the answer is being applied');
  proxy.cut();
  const cutAt = Date.now();
  const err = await answering;
  const waited = Date.now() - cutAt;
  expect(err.code).toBe('UNAVAILABLE');
  expect(waited).toBeGreaterThanOrEqual(1_400);
  expect(waited).toBeLessThan(8_000);
  const requestId = /request ([0-9a-f-]{36}) \(invoke\)/.exec(err.message)?.[1];
  expect(err.message).toContain('is unknown');
  expect(err.message).toContain('getState');
  expect(err.message).toContain(`Thread "${threadId}"`);
  // The id in the message is the one the thread accepted the answer under.
  expect((await acceptedUpdates(threadId)).filter((u) => u.name === 'durable-graph.run').map((u) => u.id)).toContain(requestId);

  gate.release('inflight');
  await until(async () => (await env.client.graph('failAfterAnswer').getState(config)).status === 'idle', 'the thread finishes');
  expect((await env.client.graph('failAfterAnswer').getState(config)).values).toMatchObject({ answer: 'inflight', result: 'ok:inflight' });
  expect(gate.calls.filter((c) => c === 'inflight')).toHaveLength(1);
});

test('an answer sent while Temporal is unreachable fails with UNAVAILABLE, and the thread is as it was once Temporal is back', async () => {
  const graph = (await proxiedClient(1_500)).graph('failAfterAnswer');
  const config = env.config(env.threadId('before'));
  await graph.invoke({}, config);
  const before = await env.client.graph('failAfterAnswer').getState(config);
  proxy.cut();
  const sentAt = Date.now();
  expect(await codeOf(graph.invoke(new Command({ resume: 'before' }), config))).toBe('UNAVAILABLE');
  expect(Date.now() - sentAt).toBeLessThan(8_000);
  proxy.restore();
  expect(await env.client.graph('failAfterAnswer').getState(config)).toEqual(before);
  expect(gate.started.has('before')).toBe(false);
});

test('getState while Temporal is unreachable fails with UNAVAILABLE after the request timeout', async () => {
  const graph = (await proxiedClient(1_000)).graph('failAfterAnswer');
  const config = env.config(env.threadId('query'));
  await graph.invoke({}, config);
  proxy.cut();
  await expect(graph.getState(config)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('the query got no answer') });
});

test('an answer in flight when the connection drops is applied exactly once when Temporal comes back during the retries', async () => {
  const graph = (await proxiedClient(30_000)).graph('failAfterAnswer');
  const threadId = env.threadId('retried');
  const config = env.config(threadId);
  await graph.invoke({}, config);
  const answering = graph.invoke(new Command({ resume: 'retried' }), config);
  await until(() => gate.started.has('retried'), 'the answer is being applied');
  proxy.cut();
  await until(() => proxy.refused >= 2, 'the client has tried to reconnect');
  proxy.restore();
  gate.release('retried');
  const done = await answering;
  expect(done).toMatchObject({ answer: 'retried', result: 'ok:retried' });
  expect(done.__interrupt__).toBeUndefined();
  expect(gate.calls.filter((c) => c === 'retried')).toHaveLength(1);
  expect((await acceptedUpdates(threadId)).filter((u) => u.name === 'durable-graph.run')).toHaveLength(2); // the input and the answer
});

test("a new thread's first input sent while Temporal is unreachable starts the thread once when Temporal comes back", async () => {
  const graph = (await proxiedClient(30_000)).graph('failAfterAnswer');
  const threadId = env.threadId('start');
  proxy.cut();
  const starting = graph.invoke({}, env.config(threadId));
  await until(() => proxy.refused >= 2, 'the client has tried to reconnect');
  proxy.restore();
  const paused = await starting;
  expect(paused.__interrupt__).toEqual([{ id: expect.any(String), value: 'go?' }]);
  const history = await env.client.temporal.workflow.getHandle(threadId).fetchHistory();
  expect((history.events ?? []).filter((e) => e.workflowExecutionStartedEventAttributes)).toHaveLength(1);
  expect(await acceptedUpdates(threadId)).toHaveLength(1);
});
