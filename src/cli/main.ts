#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { EXIT_OK, EXIT_USAGE } from './exitCodes';
import { buildProgram } from './program';

/** Runs the command line `argv` (the arguments after the program name) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length === 0) {
    program.command.outputHelp();
    return EXIT_OK;
  }
  try {
    // Commander answers `help <unknown>` with the general help as if it were fine; it is a usage error.
    const [first, second] = argv;
    if (first === 'help' && second !== undefined && !isCommand(program.command, second)) {
      program.command.error(`error: unknown command '${second}'`, { code: 'commander.unknownCommand' });
    }
    await program.command.parseAsync(argv, { from: 'user' });
  } catch (err) {
    // Help and the version are exit code 0 for commander too; all else it throws is a command line it did not understand.
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    throw err;
  }
  return program.exitCode();
}

function isCommand(program: Command, name: string): boolean {
  return name === 'help' || program.commands.some((c) => c.name() === name || c.aliases().includes(name));
}

if (require.main === module) {
  // Exit explicitly: a connection or timer left open by a library must not keep a stopped CLI alive.
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
