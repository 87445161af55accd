// A graph no worker serves: the worker here runs the test bundle, which exports no "noSuchGraph".
import { GraphClient } from '../../../src';
import { NativeConnection } from '@temporalio/worker';
import { createWorker } from '../../../src/worker/createWorker';
import { testBundle, testServerAddress } from '../../helpers/harness';
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


/** A worker for `taskQueue`, created now (bundle loaded, nothing polled yet), that starts polling `afterMs` later. */
async function workerPollingAfter(taskQueue: string, afterMs: number): Promise<{ stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address: testServerAddress() });
  const worker = await createWorker({ connection, taskQueue, workflowBundle: testBundle(), activities: env.activities });
  const running = new Promise<void>((resolve, reject) => setTimeout(() => void worker.run().then(resolve, reject), afterMs));
  return {
    async stop() {
      // Shut down once it runs: a worker shut down before run() would never let `running` settle.
      while (worker.getState() === 'INITIALIZED') await new Promise((r) => setTimeout(r, 50));
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/** Invokes askTwice on a fresh task queue whose only worker starts polling `afterMs` after the call. */
async function invokeBeforeTheWorkerPolls(afterMs: number, taskQueue = `${env.taskQueue}-late-${afterMs}`) {
  const client = await GraphClient.connect({ address: testServerAddress(), taskQueue });
  const worker = await workerPollingAfter(taskQueue, afterMs);
  try {
    const startedAt = Date.now();
    const paused = await client.graph('askTwice').invoke({}, env.config(env.threadId(`late-${afterMs}`)));
    return { paused, seconds: (Date.now() - startedAt) / 1000 };
  } finally {
    await worker.stop();
    await client.close();
  }
}

test('invoking on a task queue whose worker starts polling 1 s later returns the first interrupt once the worker runs the graph', async () => {
  const { paused, seconds } = await invokeBeforeTheWorkerPolls(1_000);
  expect(paused.__interrupt__).toEqual([{ id: expect.any(String), value: { question: 'name?' } }]);
  expect(seconds).toBeLessThan(20);
});

test('invoking on a task queue whose worker starts polling 3 s later returns the first interrupt once the worker runs the graph', async () => {
  const { paused, seconds } = await invokeBeforeTheWorkerPolls(3_000);
  expect(paused.__interrupt__).toEqual([{ id: expect.any(String), value: { question: 'name?' } }]);
  expect(seconds).toBeLessThan(20);
});

test("a thread started while its task queue's worker is down is run by the worker that comes back after the server's 20 s long poll", async () => {
  // A worker that crashed stays listed as a poller for minutes, so the call waits for it instead of
  // failing; meanwhile the server answers the update-with-start every 20 s with "not accepted yet".
  const taskQueue = `${env.taskQueue}-restarting`;
  await leaveCrashedPoller(taskQueue);
  const { paused, seconds } = await invokeBeforeTheWorkerPolls(25_000, taskQueue);
  expect(paused.__interrupt__).toEqual([{ id: expect.any(String), value: { question: 'name?' } }]);
  expect(seconds).toBeGreaterThan(20);
  expect(seconds).toBeLessThan(40);
}, 60_000);

/** What a worker that crashed leaves: a poller Temporal lists for minutes. One workflow-task poll, abandoned. */
async function leaveCrashedPoller(taskQueue: string): Promise<void> {
  const { temporal } = env.client;
  const { namespace } = temporal.options;
  const listed = async () => ((await temporal.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType: 1 })).pollers ?? []).length > 0;
  const crash = new AbortController();
  let ended = false;
  // The server refuses a long poll without a deadline.
  const poll = temporal
    .withDeadline(Date.now() + 60_000, () =>
      temporal.withAbortSignal(crash.signal, () => temporal.workflowService.pollWorkflowTaskQueue({ namespace, taskQueue: { name: taskQueue }, identity: 'crashed-worker' })),
    )
    .then(
      () => void (ended = true),
      () => void (ended = true),
    );
  while (!(await listed())) {
    if (ended) throw new Error('the poll standing for the crashed worker ended before Temporal listed it');
    await new Promise((r) => setTimeout(r, 100));
  }
  crash.abort();
  await poll;
}
