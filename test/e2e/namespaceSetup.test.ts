// A namespace that is not the dev server's: created here without durable-graph's search attributes,
// as a cluster or Temporal Cloud namespace starts out.
import { Connection, WorkflowNotFoundError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { Command, GraphClient, NamespaceNotSetUpError, setupNamespace } from '../../src';
import { main } from '../../src/cli/main';
import { createWorker } from '../../src/worker/createWorker';
import { startTestWorker, testBundle, testServerAddress, uniqueTaskQueue } from '../helpers/harness';
import { createSemanticsActivities } from '../helpers/semanticsActivities';

const { IndexedValueType } = temporal.api.enums.v1;
const ATTRIBUTES = ['DurableGraphName', 'DurableGraphStatus', 'DurableGraphPendingInterrupts', 'DurableGraphWaitingSince'];

let connection: Connection;
beforeAll(async () => (connection = await Connection.connect({ address: testServerAddress() })));
afterAll(() => connection.close());

/** Registers a fresh namespace (no custom search attributes) and waits until the server serves it. */
async function bareNamespace(prefix: string): Promise<string> {
  const namespace = uniqueTaskQueue(prefix);
  await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
  for (const deadline = Date.now() + 20_000; ; ) {
    try {
      await connection.operatorService.listSearchAttributes({ namespace });
      return namespace;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function customAttributes(namespace: string) {
  return (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes;
}

function expectNotSetUp(err: unknown, namespace: string): void {
  expect(err).toBeInstanceOf(NamespaceNotSetUpError);
  const { code, message } = err as NamespaceNotSetUpError;
  expect(code).toBe('NAMESPACE_NOT_SET_UP');
  expect(message).toContain(`Namespace "${namespace}"`);
  for (const name of ATTRIBUTES) expect(message).toContain(name);
  expect(message).toContain(`durable-graph setup-namespace --namespace ${namespace}`);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a refusal, but the call succeeded');
    },
    (err: unknown) => err,
  );
}

/** A worker on `namespace` serving the test bundle (askTwice records a probe before it asks). */
function startWorker(namespace: string, taskQueue: string) {
  return startTestWorker({ namespace, taskQueue, activities: createSemanticsActivities().activities });
}

/** Runs the CLI in this process with TEMPORAL_ADDRESS pointing at the test server; returns its exit code and output. */
async function cli(args: string[], address = testServerAddress()): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const spies = [
    jest.spyOn(console, 'log').mockImplementation((...a) => void (stdout += `${a.join(' ')}\n`)),
    jest.spyOn(console, 'error').mockImplementation((...a) => void (stderr += `${a.join(' ')}\n`)),
  ];
  const saved = { address: process.env.TEMPORAL_ADDRESS, namespace: process.env.TEMPORAL_NAMESPACE };
  process.env.TEMPORAL_ADDRESS = address;
  delete process.env.TEMPORAL_NAMESPACE;
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    if (saved.address === undefined) delete process.env.TEMPORAL_ADDRESS;
    else process.env.TEMPORAL_ADDRESS = saved.address;
    if (saved.namespace !== undefined) process.env.TEMPORAL_NAMESPACE = saved.namespace;
    for (const spy of spies) spy.mockRestore();
  }
}

describe('a namespace without the search attributes, then set up with setupNamespace', () => {
  let namespace: string;
  let client: GraphClient;
  const taskQueue = uniqueTaskQueue('ns');
  beforeAll(async () => {
    namespace = await bareNamespace('dg-bare');
    client = await GraphClient.connect({ address: testServerAddress(), namespace, taskQueue });
  });
  afterAll(() => client.close());

  test('invoke is refused with NAMESPACE_NOT_SET_UP naming the attributes, the namespace and the fix, and creates no workflow', async () => {
    const threadId = uniqueTaskQueue('bare');
    const startedAt = Date.now();
    expectNotSetUp(await rejection(client.graph('askTwice').invoke({}, { configurable: { thread_id: threadId } })), namespace);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    await expect(client.temporal.workflow.getHandle(threadId).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  test('listThreads there is refused with the same error', async () => {
    expectNotSetUp(await rejection(client.listThreads().next()), namespace);
  });

  test('a worker for that namespace fails at start-up with the same error', async () => {
    expectNotSetUp(await rejection(startWorker(namespace, taskQueue)), namespace);
    // The same through connection settings, where createWorker makes (and closes) its own connection.
    expectNotSetUp(await rejection(createWorker({ connection: { address: testServerAddress(), namespace }, taskQueue, workflowBundle: testBundle() })), namespace);
  });

  test('setupNamespace registers the four attributes with their types; a second call adds nothing', async () => {
    const first = await setupNamespace(connection, namespace);
    expect(first).toEqual({ namespace, added: ATTRIBUTES, present: [] });
    expect(await customAttributes(namespace)).toMatchObject({
      DurableGraphName: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      DurableGraphStatus: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      DurableGraphPendingInterrupts: IndexedValueType.INDEXED_VALUE_TYPE_INT,
      DurableGraphWaitingSince: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
    });
    expect(await setupNamespace(connection, namespace)).toEqual({ namespace, added: [], present: ATTRIBUTES });
  });

  test('then a thread runs there through the same client (invoke, interrupt, resume) and listThreads finds it', async () => {
    const worker = await startWorker(namespace, taskQueue);
    try {
      const config = { configurable: { thread_id: uniqueTaskQueue('set-up') } };
      const graph = client.graph('askTwice');
      const paused = await graph.invoke({}, config);
      expect(paused.__interrupt__).toEqual([{ id: expect.any(String), value: { question: 'name?' } }]);
      const listed = await firstListed(client, config.configurable.thread_id);
      expect(listed).toMatchObject({ graph: 'askTwice', status: 'interrupted', pendingInterrupts: 1 });

      await graph.invoke(new Command({ resume: 'Ada' }), config);
      const done = await graph.invoke(new Command({ resume: 'engineer' }), config);
      expect(done).toMatchObject({ name: 'Ada', role: 'engineer', log: ['asked', 'after'] });
    } finally {
      await worker.stop();
    }
  });
});

/** Visibility is eventually consistent: polls until the thread is listed. */
async function firstListed(client: GraphClient, threadId: string) {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    for await (const thread of client.listThreads({ graph: 'askTwice' })) if (thread.threadId === threadId) return thread;
  }
  throw new Error(`thread ${threadId} was not listed within 20 s`);
}

test('an attribute registered with another type is NAMESPACE_NOT_SET_UP naming both types, for setupNamespace and the client, and nothing is added', async () => {
  const namespace = await bareNamespace('dg-wrong');
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: { DurableGraphStatus: IndexedValueType.INDEXED_VALUE_TYPE_TEXT } });

  const err = await rejection(setupNamespace(connection, namespace));
  expect(err).toBeInstanceOf(NamespaceNotSetUpError);
  expect((err as Error).message).toContain('DurableGraphStatus is registered as Text, but durable-graph needs Keyword');
  expect(Object.keys((await customAttributes(namespace)) ?? {})).toEqual(['DurableGraphStatus']);

  const client = await GraphClient.connect({ address: testServerAddress(), namespace, taskQueue: uniqueTaskQueue('wrong') });
  try {
    const refused = await rejection(client.graph('askTwice').invoke({}, { configurable: { thread_id: uniqueTaskQueue('wrong') } }));
    expect(refused).toBeInstanceOf(NamespaceNotSetUpError);
    expect((refused as Error).message).toMatch(/lacks the search attributes DurableGraphName \(Keyword\), DurableGraphPendingInterrupts \(Int\).*DurableGraphStatus is registered as Text/);
  } finally {
    await client.close();
  }
});

test('a namespace that does not exist is NAMESPACE_NOT_SET_UP saying to create it', async () => {
  const namespace = uniqueTaskQueue('dg-missing');
  const err = await rejection(setupNamespace(connection, namespace));
  expect(err).toBeInstanceOf(NamespaceNotSetUpError);
  expect((err as Error).message).toContain(`Namespace "${namespace}" does not exist`);
  expect((err as Error).message).toContain(`temporal operator namespace create --namespace ${namespace}`);
});

describe('durable-graph setup-namespace', () => {
  test('registers the attributes on --namespace and exits 0; run again it says they are registered already', async () => {
    const namespace = await bareNamespace('dg-cli');
    const first = await cli(['setup-namespace', '--namespace', namespace]);
    expect(first).toEqual({ code: 0, stdout: `Registered on namespace ${namespace} at ${testServerAddress()}: ${ATTRIBUTES.join(', ')}\n`, stderr: '' });
    const again = await cli(['setup-namespace', '--namespace', namespace, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ namespace, added: [], present: ATTRIBUTES });
  });

  test('a refusal exits 1 with the code and message on stderr', async () => {
    const namespace = uniqueTaskQueue('dg-cli-missing');
    const run = await cli(['setup-namespace', '--namespace', namespace]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`durable-graph setup-namespace: NAMESPACE_NOT_SET_UP: Namespace "${namespace}" does not exist`);
  });

  test('with Temporal unreachable it exits 3, naming the address', async () => {
    const run = await cli(['setup-namespace'], '127.0.0.1:9');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('durable-graph setup-namespace: UNAVAILABLE: Temporal at 127.0.0.1:9 could not be reached');
  }, 30_000);
});
