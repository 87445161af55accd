import { z } from 'zod/v4';
import type { Command } from '../engine/command';
import { GraphValidationError } from '../engine/errors';

/** What a tool's `execute` gets beside its arguments. */
export interface ToolContext {
  /** The model's id for this call: stable across retries and resumes, a good idempotency key. */
  toolCallId: string;
  /** The thread (workflow id). */
  threadId: string;
}

/**
 * What `execute` returns: a string (the tool message's content), any other JSON value (sent as
 * JSON), or `Command({ update })` to write state keys as well (see createReactAgent).
 */
export type ToolOutput = string | number | boolean | null | undefined | object | Command;

/** A tool's arguments schema: a zod object built with `zod/v4` (`import { z } from 'zod/v4'`). */
export type ToolSchema = z.ZodObject;

/** How a tool is declared. */
export interface ToolDefinition<S extends ToolSchema = ToolSchema> {
  /** The name the model calls (letters, digits, `_` and `-`, up to 64). */
  name: string;
  description: string;
  /** Validates the model's and the human's arguments, and gives the model its JSON Schema. */
  schema: S;
  /** Runs the call, usually through an activity (`proxyActivities` in the workflow file). */
  execute(args: z.output<S>, ctx: ToolContext): ToolOutput | Promise<ToolOutput>;
}

/** A checked tool, as createReactAgent takes it. */
export interface Tool<S extends ToolSchema = ToolSchema> extends ToolDefinition<S> {
  /** The JSON Schema of the arguments, sent to the model. */
  readonly parameters: Record<string, unknown>;
  /** Validates arguments: the parsed value, or why they fail the schema. */
  parse(args: unknown): { ok: true; value: z.output<S> } | { ok: false; error: string };
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

// zod declares itself free of side effects, so the workflow bundler drops the line that installs its
// English messages; without them every issue reads "Invalid input". Put them back unless set.
if (!z.config().localeError) z.config(z.locales.en());

function isZodObject(schema: unknown): schema is ToolSchema {
  const def = (schema as { _zod?: { def?: { type?: string } } } | null)?._zod?.def;
  return def?.type === 'object';
}

/** One line per issue: `path: message`, the path left out for the object itself. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

/** Declares a tool the agent may call; its zod schema checks every call before it runs. */
export function tool<S extends ToolSchema>(definition: ToolDefinition<S>): Tool<S> {
  const { name, schema } = definition;
  if (!TOOL_NAME.test(name)) {
    throw new GraphValidationError(`Tool name "${name}" is not allowed: use 1 to 64 letters, digits, "_" or "-"`);
  }
  if (!isZodObject(schema)) {
    throw new GraphValidationError(`Tool "${name}": schema must be a zod object built with zod/v4 (import { z } from 'zod/v4'; z.object({ ... }))`);
  }
  let parameters: Record<string, unknown>;
  try {
    // The $schema dialect line means nothing to a model API; 'input' describes what the model sends.
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
    parameters = rest;
  } catch (err) {
    throw new GraphValidationError(`Tool "${name}": its schema has no JSON Schema form (${(err as Error).message}); use JSON types only`);
  }
  return {
    ...definition,
    parameters,
    parse(args) {
      const result = schema.safeParse(args);
      return result.success ? { ok: true, value: result.data } : { ok: false, error: describeIssues(result.error) };
    },
  };
}
