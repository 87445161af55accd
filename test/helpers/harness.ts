import { readFileSync } from 'node:fs';
import type { DataConverter } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createWorker } from '../../src/worker/createWorker';
import { GraphClient } from '../../src/client/graphClient';
import { createActivities, memoryLedger, type Ledger } from '../../activities';
import type { LlmConfig } from '../../src/llm/settings';

let counter = 0;

// Worker state lines would bury the test report; warnings and errors still show.
Runtime.install({ logger: new DefaultLogger('WARN') });

/** The shared dev server started by the jest global setup. */
export function testServerAddress(): string {
  const address = process.env.DG_TEST_ADDRESS;
  if (!address) throw new Error('DG_TEST_ADDRESS is not set: run the tests through jest (its global setup starts Temporal)');
  return address;
}

/** A task queue no other test file uses. */
export function uniqueTaskQueue(prefix = 'test'): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
}

let bundle: { code: string } | undefined;
export function testBundle(): { code: string } {
  bundle ??= { code: readFileSync(process.env.DG_TEST_BUNDLE!, 'utf8') };
  return bundle;
}

export interface RunningWorker {
  worker: Worker;
  taskQueue: string;
  stop(): Promise<void>;
}

/** Starts a worker on the shared server with the pre-built bundle of test/helpers/workflows.ts. */
export async function startTestWorker(
  options: { taskQueue?: string; activities?: object; address?: string; namespace?: string; dataConverter?: DataConverter } = {},
): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({ address: options.address ?? testServerAddress() });
  const taskQueue = options.taskQueue ?? uniqueTaskQueue();
  const workerOptions = options.namespace ? { namespace: options.namespace } : undefined;
  const worker = await createWorker({ connection, taskQueue, workflowBundle: testBundle(), activities: options.activities, workerOptions, dataConverter: options.dataConverter }).catch(
    async (err: unknown) => {
      await connection.close(); // a worker refused at start-up (NAMESPACE_NOT_SET_UP) leaves no connection open
      throw err;
    },
  );
  const running = worker.run();
  return {
    worker,
    taskQueue,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

export interface GraphTestEnv {
  client: GraphClient;
  ledger: Ledger;
  versions: Map<string, number>;
  taskQueue: string;
  worker: RunningWorker;
  /** The ledger's effects done on one thread (keys carry the workflow id). */
  effects(threadId: string): Ledger extends { entries(): infer E } ? E : never;
  /** A thread id no other test uses. */
  threadId(prefix?: string): string;
  config(threadId: string): { configurable: { thread_id: string } };
  stop(): Promise<void>;
}

/** A worker with the shipped activities (memory ledger) and a GraphClient on its task queue. */
export async function startGraphTest(
  options: { activities?: object; llm?: LlmConfig; address?: string; taskQueue?: string; ledger?: Ledger; dataConverter?: DataConverter } = {},
): Promise<GraphTestEnv> {
  const ledger = options.ledger ?? memoryLedger();
  const versions = new Map<string, number>();
  const worker = await startTestWorker({
    address: options.address,
    taskQueue: options.taskQueue,
    dataConverter: options.dataConverter,
    activities: { ...createActivities({ ledger, versions, llm: options.llm ?? { apiKey: 'unused', baseURL: 'http://127.0.0.1:9/v1' } }), ...options.activities },
  });
  const client = await GraphClient.connect({ address: options.address ?? testServerAddress(), taskQueue: worker.taskQueue, dataConverter: options.dataConverter });
  return {
    client,
    ledger,
    versions,
    taskQueue: worker.taskQueue,
    worker,
    effects: (threadId) => ledger.entries().filter((e) => e.key.includes(`:${threadId}:`)),
    threadId: (prefix = 'thread') => uniqueTaskQueue(prefix),
    config: (threadId) => ({ configurable: { thread_id: threadId } }),
    async stop() {
      await client.close();
      await worker.stop();
    },
  };
}
