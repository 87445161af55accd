import type { Command } from '../command';
import { resolveTemporal } from '../../server/resolveTemporal';
import { packageVersion } from '../packageVersion';
import { untilSignal } from '../untilSignal';

/**
 * The main job. For now it brings Temporal up and holds it until SIGINT/SIGTERM; it reads nothing
 * from stdin, so it runs the same without a TTY (CI, a service manager).
 */
export const startCommand: Command = async () => {
  console.log(`durable-graph ${packageVersion()}`);
  const temporal = await resolveTemporal({ persistent: true });
  console.log(`Temporal: ${temporal.address} (namespace ${temporal.namespace}${temporal.embedded ? ', embedded' : ''})`);
  if (temporal.uiUrl) console.log(`Web UI: ${temporal.uiUrl}`);
  console.log('The graph runtime arrives in a later version of durable-graph; for now `start` keeps Temporal running.');
  console.log('Press Ctrl-C to stop.');
  const signal = await untilSignal();
  console.log(`${signal}: stopping...`);
  await temporal.stop();
  console.log('Stopped.');
  return 0;
};
