import { Command } from 'commander';
import type { CliCommand } from './command';
import { auditCommand } from './commands/audit';
import { codecServerCommand } from './commands/codecServer';
import { historyCommand } from './commands/history';
import { installTemporalCommand } from './commands/installTemporal';
import { resumeCommand } from './commands/resume';
import { approveCommand, editCommand, ignoreCommand, rejectCommand, respondCommand } from './commands/review';
import { serverCommand } from './commands/server';
import { serveCommand } from './commands/serve';
import { setupNamespaceCommand } from './commands/setupNamespace';
import { showCommand } from './commands/show';
import { startCommand } from './commands/start';
import { stateCommand } from './commands/state';
import { threadsCommand } from './commands/threads';
import { updateStateCommand } from './commands/updateState';
import { versionCommand } from './commands/version';
import { workerCommand } from './commands/worker';
import { describeError, errorCode, errorMessage, EXIT_OK, exitCodeFor } from './exitCodes';
import { EMBEDDED_ENVIRONMENT, ENCRYPTION_ENVIRONMENT, EXIT_CODES, MODEL_ENVIRONMENT, REMOTE_ENVIRONMENT } from './helpTexts';
import { packageVersion } from './packageVersion';

/** Every command, in the order `durable-graph --help` lists them (then `help`, which commander adds). */
export const COMMANDS: CliCommand<object>[] = [
  startCommand,
  serveCommand,
  workerCommand,
  serverCommand,
  setupNamespaceCommand,
  // Operating threads: find them, see what waits, answer, inspect and change their state.
  threadsCommand,
  showCommand,
  approveCommand,
  rejectCommand,
  editCommand,
  respondCommand,
  ignoreCommand,
  resumeCommand,
  stateCommand,
  historyCommand,
  updateStateCommand,
  auditCommand,
  installTemporalCommand,
  codecServerCommand,
  versionCommand,
];

/** The command line, parsed by commander, whose result is the exit code of the command that ran. */
export interface Program {
  command: Command;
  /** The exit code the command that ran resolved to (or the one its error maps to); 0 when none ran. */
  exitCode(): number;
}

/**
 * durable-graph's command line. Commander throws (exitOverride) instead of exiting, so that main()
 * maps its outcomes to our exit codes: help and version 0, anything it does not understand 2.
 */
export function buildProgram(): Program {
  let exitCode = EXIT_OK;
  const program = new Command('durable-graph')
    .usage('<command> [options]')
    .description('LangGraph-style agent graphs with human approval steps, run as durable Temporal workflows.')
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'print the help')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'durable-graph: ')) })
    .addHelpText('after', `${MODEL_ENVIRONMENT}${REMOTE_ENVIRONMENT}${EMBEDDED_ENVIRONMENT}${ENCRYPTION_ENVIRONMENT}${EXIT_CODES}`);

  for (const spec of COMMANDS) {
    // Settings above (exitOverride, output, help option) are copied into each command as it is made.
    const command = program.command(spec.name).summary(spec.summary).description(spec.description);
    spec.options?.(command);
    if (spec.helpAfter) command.addHelpText('after', spec.helpAfter);
    // Commander passes positional arguments first and the command last: both reach `run` by name.
    command.action(async (...args: unknown[]) => {
      const self = args[args.length - 1] as Command;
      const positional = Object.fromEntries(self.registeredArguments.map((argument, i): [string, unknown] => [argument.name(), self.processedArgs[i]]));
      const options = self.opts();
      try {
        exitCode = await spec.run({ ...options, ...positional });
      } catch (err) {
        // With --json a script reads the refusal too: one JSON line on stderr, its code first.
        console.error(options.json ? JSON.stringify({ error: { code: errorCode(err) ?? null, message: errorMessage(err) } }) : `durable-graph ${spec.name}: ${describeError(err)}`);
        exitCode = exitCodeFor(err);
      }
    });
  }
  // Added last so that the commands above do not inherit a `help` subcommand of their own.
  program.helpCommand('help [command]', 'print the help, or the help of a command');
  return { command: program, exitCode: () => exitCode };
}
