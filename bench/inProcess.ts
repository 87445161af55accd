// For the profilers: a dev server and one worker in this process, its workflows run in the main
// thread (Temporal's debugMode) so that one heap and one profiler see them.
import type { Worker } from '@temporalio/worker';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createActivities, memoryLedger } from '../activities';
import { startDevServer, type DevServer } from '../src/server/devServer';
import { createWorker } from '../src/worker/createWorker';
import { benchBundle } from './bundles';
import { connectSystem, type BenchSystem, type SystemKey } from './systems';
import type { BenchActivities } from './shared';

export interface InProcess {
  server: DevServer;
  system: BenchSystem;
  worker: Worker;
  stop: () => Promise<void>;
}

export async function inProcessWorker(key: SystemKey): Promise<InProcess> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const server = await startDevServer({ log: () => undefined });
  const taskQueue = `profile-${key}`;
  const system = await connectSystem(key, server.address, taskQueue);
  const tick: BenchActivities['tick'] = async (n) => n + 1;
  const worker = await createWorker({
    connection: { address: server.address, namespace: 'default' },
    taskQueue,
    workflowBundle: await benchBundle(key),
    activities: { ...createActivities({ ledger: memoryLedger() }), tick },
    workerOptions: { debugMode: true },
  });
  return {
    server,
    system,
    worker,
    stop: async () => {
      await system.close();
      await server.stop();
    },
  };
}
