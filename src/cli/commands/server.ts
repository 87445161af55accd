import type { Command } from '../command';
import { resolveTemporal } from '../../server/resolveTemporal';
import { untilSignal } from '../untilSignal';

/** The embedded, persistent server alone (e.g. to run workers elsewhere against it); ignores TEMPORAL_ADDRESS. */
export const serverCommand: Command = async () => {
  const temporal = await resolveTemporal({ persistent: true, env: { ...process.env, TEMPORAL_ADDRESS: undefined } });
  console.log(`Temporal server: ${temporal.address} (namespace ${temporal.namespace})`);
  console.log(`Web UI: ${temporal.uiUrl}`);
  console.log('Press Ctrl-C to stop.');
  await untilSignal();
  console.log('Stopping Temporal...');
  await temporal.stop();
  return 0;
};
