#!/usr/bin/env node
import { Command, EXIT_USAGE } from './command';
import { helpCommand, USAGE } from './commands/help';
import { installTemporalCommand } from './commands/installTemporal';
import { serverCommand } from './commands/server';
import { startCommand } from './commands/start';
import { versionCommand } from './commands/version';
import { workerCommand } from './commands/worker';

const COMMANDS: Record<string, Command> = {
  start: startCommand,
  server: serverCommand,
  worker: workerCommand,
  'install-temporal': installTemporalCommand,
  version: versionCommand,
  '--version': versionCommand,
  '-v': versionCommand,
  help: helpCommand,
  '--help': helpCommand,
  '-h': helpCommand,
};

/** Runs the command named by `argv[0]` and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) return helpCommand([]);
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`durable-graph: unknown command '${name}'\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await command(args);
  } catch (err) {
    console.error(`durable-graph ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

if (require.main === module) {
  // Exit explicitly: a connection or timer left open by a library must not keep a stopped CLI alive.
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
