import type { CliCommand } from '../command';
import { resolveTemporal } from '../../server/resolveTemporal';
import { EMBEDDED_ENVIRONMENT, ENCRYPTION_ENVIRONMENT, REMOTE_ENVIRONMENT } from '../helpTexts';
import { TASK_QUEUE } from '../taskQueue';
import { untilSignal } from '../untilSignal';

/** Serves the shipped graphs on TEMPORAL_ADDRESS (or the embedded server) until SIGINT/SIGTERM. */
export const workerCommand: CliCommand = {
  name: 'worker',
  summary: 'serve the shipped graphs (for a cluster: set TEMPORAL_ADDRESS)',
  description:
    `Serves the shipped graphs on the task queue ${TASK_QUEUE} (DURABLE_GRAPH_TASK_QUEUE) until Ctrl-C or SIGTERM. ` +
    'With TEMPORAL_ADDRESS it connects there and starts nothing else; without it, it starts the embedded server as start does (one job per state folder).',
  helpAfter: `${REMOTE_ENVIRONMENT}${EMBEDDED_ENVIRONMENT}${ENCRYPTION_ENVIRONMENT}`,
  async run() {
    // Loaded when run: the worker makes up most of the CLI's start-up time, which the other commands need not pay.
    const [{ DefaultLogger, Runtime }, { startShippedWorker }] = await Promise.all([import('@temporalio/worker'), import('../shippedWorker')]);
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const temporal = await resolveTemporal({ persistent: true, job: 'durable-graph worker' });
    try {
      const worker = await startShippedWorker(temporal);
      console.log(`Worker: task queue ${TASK_QUEUE} on ${temporal.address} (namespace ${temporal.namespace})`);
      const signal = await untilSignal();
      console.log(`${signal}: stopping...`);
      await worker.stop();
    } finally {
      await temporal.stop();
    }
    return 0;
  },
};
