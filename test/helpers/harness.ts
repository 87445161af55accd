import { readFileSync } from 'node:fs';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createWorker } from '../../src/worker/createWorker';

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
function testBundle(): { code: string } {
  bundle ??= { code: readFileSync(process.env.DG_TEST_BUNDLE!, 'utf8') };
  return bundle;
}

export interface RunningWorker {
  worker: Worker;
  taskQueue: string;
  stop(): Promise<void>;
}

/** Starts a worker on the shared server with the pre-built bundle of test/helpers/workflows.ts. */
export async function startTestWorker(options: { taskQueue?: string; activities?: object } = {}): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({ address: testServerAddress() });
  const taskQueue = options.taskQueue ?? uniqueTaskQueue();
  const worker = await createWorker({ connection, taskQueue, workflowBundle: testBundle(), activities: options.activities });
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
