import type { CliCommand } from '../command';
import { resolveTemporal } from '../../server/resolveTemporal';
import { EMBEDDED_ENVIRONMENT } from '../helpTexts';
import { untilSignal } from '../untilSignal';

/** The embedded, persistent server alone (e.g. to run workers elsewhere against it); ignores TEMPORAL_ADDRESS. */
export const serverCommand: CliCommand = {
  name: 'server',
  summary: 'run only the embedded Temporal server (persistent) until Ctrl-C',
  description:
    'Runs the embedded Temporal dev server alone, with its state in the state folder, until Ctrl-C or SIGTERM; point workers and clients at it with TEMPORAL_ADDRESS. It ignores TEMPORAL_ADDRESS itself.',
  helpAfter: EMBEDDED_ENVIRONMENT,
  async run() {
    const temporal = await resolveTemporal({
      persistent: true,
      job: 'durable-graph server',
      env: { ...process.env, TEMPORAL_ADDRESS: undefined },
    });
    console.log(`Temporal server: ${temporal.address} (namespace ${temporal.namespace})`);
    console.log(`Web UI: ${temporal.uiUrl}`);
    console.log('Press Ctrl-C to stop.');
    await untilSignal();
    console.log('Stopping Temporal...');
    await temporal.stop();
    return 0;
  },
};
