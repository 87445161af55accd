import type { Command } from 'commander';

/** One CLI command: its help texts and options for commander, and what it runs. */
export interface CliCommand<Options extends object = Record<string, never>> {
  name: string;
  /** One line, in the list of `durable-graph --help`. */
  summary: string;
  /** What `durable-graph <name> --help` says about it. */
  description: string;
  /** Shown after the options in its help, e.g. the environment variables it reads. */
  helpAfter?: string;
  /** Declares its options (`--json`) and positional arguments (`<thread>`); they reach `run` parsed, by name. */
  options?(command: Command): void;
  /** Runs the command; resolves to the process exit code. Errors thrown are reported by the program. */
  run(options: Options): Promise<number>;
}
