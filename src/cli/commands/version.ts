import type { CliCommand } from '../command';
import { packageVersion } from '../packageVersion';

export const versionCommand: CliCommand<{ json?: boolean }> = {
  name: 'version',
  summary: 'print the version (also --version)',
  description: "Prints durable-graph's version.",
  options: (command) => command.option('--json', 'print {"version": …}'),
  async run({ json }) {
    console.log(json ? JSON.stringify({ version: packageVersion() }) : packageVersion());
    return 0;
  },
};
