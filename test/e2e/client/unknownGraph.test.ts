// A graph no worker serves: the worker here runs the test bundle, which exports no "noSuchGraph".
import { GraphClient } from '../../../src';
import { testServerAddress } from '../../helpers/harness';
import { codeOf, startSemanticsTest } from '../../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => (env = await startSemanticsTest()));
afterAll(() => env.stop());

async function workflowStatus(threadId: string): Promise<string> {
  return (await env.client.temporal.workflow.getHandle(threadId).describe()).status.name;
}

test('invoking a graph no worker serves fails with UNKNOWN_GRAPH within seconds, naming the graph and the task queue', async () => {
  const threadId = env.threadId('unknown');
  const startedAt = Date.now();
  const err = await env.client
    .graph('noSuchGraph')
    .invoke({}, env.config(threadId))
    .catch((e: unknown) => e as Error & { code?: string });
  expect(Date.now() - startedAt).toBeLessThan(10_000);
  expect(err.code).toBe('UNKNOWN_GRAPH');
  expect(err.message).toContain('"noSuchGraph"');
  expect(err.message).toContain(`task queue "${env.taskQueue}"`);
  // The workflow the call created never ran a step: it is terminated, not left failing forever.
  expect(await workflowStatus(threadId)).toBe('TERMINATED');
});

test("a client whose graphs list names the graph still gets UNKNOWN_GRAPH when the workers don't serve it", async () => {
  const client = await GraphClient.connect({ address: testServerAddress(), taskQueue: env.taskQueue, graphs: ['askTwice', 'noSuchGraph'] });
  try {
    const startedAt = Date.now();
    expect(await codeOf(client.graph('noSuchGraph').invoke({}, env.config(env.threadId('listed'))))).toBe('UNKNOWN_GRAPH');
    expect(Date.now() - startedAt).toBeLessThan(10_000);
  } finally {
    await client.close();
  }
});

test('a client whose graphs list leaves the graph out refuses it at once', async () => {
  const client = await GraphClient.connect({ address: testServerAddress(), taskQueue: env.taskQueue, graphs: ['askTwice'] });
  try {
    expect(() => client.graph('noSuchGraph')).toThrow(expect.objectContaining({ code: 'UNKNOWN_GRAPH' }));
  } finally {
    await client.close();
  }
});

test('after UNKNOWN_GRAPH the thread id is free: a served graph runs on it', async () => {
  const config = env.config(env.threadId('reuse'));
  expect(await codeOf(env.client.graph('noSuchGraph').invoke({}, config))).toBe('UNKNOWN_GRAPH');
  const paused = await env.client.graph('askTwice').invoke({}, config);
  expect(paused.__interrupt__).toEqual([{ id: expect.any(String), value: { question: 'name?' } }]);
});

test('a served graph whose first step takes longer than the first look is not mistaken for an unknown one', async () => {
  // slow: its node sleeps in an activity, so the update waits while the client looks at the workflow.
  const done = await env.client.graph('slow').invoke({ ms: 2_500 }, env.config(env.threadId('slow')));
  expect(done.log).toEqual(['slept 2500']);
});

test('invoking on a task queue no worker polls fails with UNKNOWN_GRAPH within seconds, saying no worker polls it', async () => {
  const taskQueue = `${env.taskQueue}-nobody`;
  const client = await GraphClient.connect({ address: testServerAddress(), taskQueue });
  try {
    const threadId = env.threadId('no-worker');
    const startedAt = Date.now();
    const err = await client
      .graph('askTwice')
      .invoke({}, env.config(threadId))
      .catch((e: unknown) => e as Error & { code?: string });
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(err.code).toBe('UNKNOWN_GRAPH');
    expect(err.message).toContain(`no worker polls task queue "${taskQueue}"`);
    expect(await workflowStatus(threadId)).toBe('TERMINATED');
  } finally {
    await client.close();
  }
});

