import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Command } from '../command';
import { resolveTemporal } from '../../server/resolveTemporal';
import { startShippedWorker, TASK_QUEUE } from '../shippedWorker';
import { untilSignal } from '../untilSignal';

/** Serves the shipped graphs on TEMPORAL_ADDRESS (or the embedded server) until SIGINT/SIGTERM. */
export const workerCommand: Command = async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const temporal = await resolveTemporal({ persistent: true });
  const worker = await startShippedWorker(temporal);
  console.log(`Worker: task queue ${TASK_QUEUE} on ${temporal.address} (namespace ${temporal.namespace})`);
  const signal = await untilSignal();
  console.log(`${signal}: stopping...`);
  await worker.stop();
  await temporal.stop();
  return 0;
};
