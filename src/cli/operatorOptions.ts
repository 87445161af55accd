import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseIdentitySpec } from '../client/identitySpec';
import type { Identity } from '../engine/identity';
import { EXIT_CODES, OPERATOR_ENVIRONMENT, REMOTE_ENVIRONMENT } from './helpTexts';
import type { OperatorTransport } from './operatorTransport';
import { connectHttpTransport } from './httpTransport';
import { connectTemporalTransport } from './temporalTransport';

/** The options every operator command takes. */
export interface OperatorOptions {
  /** Who to act as (`--as`, else DURABLE_GRAPH_IDENTITY; else anonymous). */
  as?: Identity;
  /** Print machine-readable JSON instead of text. */
  json?: boolean;
  /** durable-graph's HTTP server to talk to instead of Temporal (`--url`, else DURABLE_GRAPH_URL). */
  url?: string;
  /** Its API key (`--api-key`, else DURABLE_GRAPH_API_KEY). */
  apiKey?: string;
}

/** The help after an operator command's options: its examples, then who you are, where threads are, exit codes. */
export function operatorHelp(examples: string[]): string {
  return `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n${OPERATOR_ENVIRONMENT}${REMOTE_ENVIRONMENT}${EXIT_CODES}`;
}

/** Adds `--as`, `--json` (every operator command prints), `--url` and `--api-key`. */
export function addOperatorOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--as <identity>', 'act as this identity: id or id:role1,role2 (e.g. fran:finance,ops)').env('DURABLE_GRAPH_IDENTITY').argParser(identityArgument),
    )
    .option('--json', 'print JSON (machine-readable, stable) instead of text')
    .addOption(new Option('--url <url>', "talk to durable-graph's HTTP server (durable-graph serve) instead of Temporal").env('DURABLE_GRAPH_URL'))
    .addOption(new Option('--api-key <key>', 'its API key: you act as the identity the server gives the key').env('DURABLE_GRAPH_API_KEY'));
}

function identityArgument(spec: string): Identity {
  try {
    return parseIdentitySpec(spec);
  } catch (err) {
    // A malformed identity is a command line we do not understand: commander reports it as usage (exit 2).
    throw new InvalidArgumentError((err as Error).message);
  }
}

/** What `--id` means wherever an answer is sent. */
export const INTERRUPT_ID_HELP = 'the pending request to answer: its id, or a prefix only it has (needed when several wait)';

/** Runs `use` with a transport (the HTTP server with --url, else Temporal) acting as the chosen identity, closing it afterwards. */
export async function withTransport<T>(options: OperatorOptions, use: (transport: OperatorTransport) => Promise<T>): Promise<T> {
  const transport = options.url ? await connectHttpTransport(options.url, options.apiKey, options.as) : await connectTemporalTransport(options.as);
  try {
    return await use(transport);
  } finally {
    await transport.close();
  }
}

/** A JSON argument (`--values`, `--value`, `--args`), refused as usage when it is not JSON. */
export function jsonArgument(what: string): (text: string) => unknown {
  return (text) => {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new InvalidArgumentError(`${what} must be JSON: ${(err as Error).message}`);
    }
  };
}

/** A JSON object argument (`--values`, `--args`). */
export function jsonObjectArgument(what: string): (text: string) => Record<string, unknown> {
  const parse = jsonArgument(what);
  return (text) => {
    const value = parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidArgumentError(`${what} must be a JSON object, e.g. '{"amount": 100}'`);
    return value as Record<string, unknown>;
  };
}

/** Prints one JSON document: what --json promises. */
export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}
