// One bench worker in its own process, so its memory is measured alone (the parent reads its RSS
// from /proc). Told what to serve by its first IPC message; stops on 'stop'.
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities, memoryLedger } from '../activities';
import { createWorker } from '../src/worker/createWorker';
import type { BenchActivities } from './shared';

/** What the parent asks a worker process to be. */
export interface WorkerSpec {
  address: string;
  taskQueue: string;
  /** A bundle file written by the parent (built once for all workers of a system). */
  bundlePath: string;
  /** Temporal's maxCachedWorkflows; the SDK's default when absent. */
  maxCachedWorkflows?: number;
}

/** What a worker process tells the parent once it polls. */
export interface WorkerReady {
  /** The cache size in effect (the SDK's default depends on the heap limit). */
  maxCachedWorkflows: number;
}

const benchActivities: BenchActivities = { tick: async (count) => count + 1 };

async function serve(spec: WorkerSpec): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const worker: Worker = await createWorker({
    connection: { address: spec.address, namespace: 'default' },
    taskQueue: spec.taskQueue,
    workflowBundle: { codePath: spec.bundlePath },
    activities: { ...createActivities({ ledger: memoryLedger() }), ...benchActivities },
    workerOptions: spec.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: spec.maxCachedWorkflows },
  });
  process.on('message', (message) => {
    if (message === 'stop') worker.shutdown();
  });
  const running = worker.run();
  const ready: WorkerReady = { maxCachedWorkflows: worker.options.maxCachedWorkflows };
  process.send!(ready);
  await running;
  process.exit(0);
}

process.once('message', (spec: WorkerSpec) => {
  serve(spec).catch((err) => {
    console.error(err);
    process.exit(1);
  });
});
