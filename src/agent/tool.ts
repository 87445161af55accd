import { config, locales, toJSONSchema, type $ZodType } from 'zod/v4/core';
import type { Command } from '../engine/command';
import { GraphValidationError } from '../engine/errors';
import type { InferOutput, StandardIssue, StandardJSONSchemaConverter, StandardSchemaV1 } from './standardSchema';

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

/**
 * A tool's arguments schema: an object schema from any Standard Schema library that also gives its
 * JSON Schema: zod 4 (`import { z } from 'zod'`, or `'zod/v4'` with zod 3.25, or zod/mini), or a
 * library implementing Standard JSON Schema (arktype, valibot through its adapter).
 */
export type ToolSchema = StandardSchemaV1<unknown, Record<string, unknown>>;

/** The arguments `execute` gets: what the schema made of the model's or the human's. */
export type ToolArgs<S extends ToolSchema> = InferOutput<S>;

/** How a tool is declared. */
export interface ToolDefinition<S extends ToolSchema = ToolSchema> {
  /** The name the model calls (letters, digits, `_` and `-`, up to 64). */
  name: string;
  description: string;
  /** Validates the model's and the human's arguments, and gives the model its JSON Schema. */
  schema: S;
  /** Runs the call, usually through an activity (`proxyActivities` in the workflow file). */
  execute(args: ToolArgs<S>, ctx: ToolContext): ToolOutput | Promise<ToolOutput>;
}

/** A checked tool, as createReactAgent takes it. */
export interface Tool<S extends ToolSchema = ToolSchema> extends ToolDefinition<S> {
  /** The JSON Schema of the arguments, sent to the model. */
  readonly parameters: Record<string, unknown>;
  /** Validates arguments: the parsed value, or why they fail the schema. */
  parse(args: unknown): { ok: true; value: ToolArgs<S> } | { ok: false; error: string };
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

// zod declares itself free of side effects, so the workflow bundler drops the line that installs its
// English messages; without them every issue reads "Invalid input". Put them back unless set.
if (!config().localeError) config(locales.en());

function isStandardSchema(schema: unknown): schema is ToolSchema {
  const props = (schema as { '~standard'?: { validate?: unknown } } | null)?.['~standard'];
  return typeof props?.validate === 'function';
}

/** zod 4's core schemas (zod 4, zod 3.25's `zod/v4`, zod/mini) keep their definition under `_zod`. */
function isZod4(schema: unknown): schema is $ZodType {
  return typeof (schema as { _zod?: { def?: unknown } })._zod?.def === 'object';
}

/** The JSON Schema of what the model sends, or undefined when the library offers none. */
function inputJSONSchema(schema: ToolSchema): Record<string, unknown> | undefined {
  const standard = (schema['~standard'] as { jsonSchema?: StandardJSONSchemaConverter }).jsonSchema;
  if (typeof standard?.input === 'function') return standard.input({ target: 'draft-2020-12' });
  // zod before 4.2 predates Standard JSON Schema; 'input' describes what the model sends.
  if (isZod4(schema)) return toJSONSchema(schema, { io: 'input' });
  return undefined;
}

/** The model's JSON Schema for the tool's arguments, without the $schema dialect line (meaningless to a model API). */
function parametersOf(name: string, schema: ToolSchema): Record<string, unknown> {
  let jsonSchema: Record<string, unknown> | undefined;
  try {
    jsonSchema = inputJSONSchema(schema);
  } catch (err) {
    throw new GraphValidationError(`Tool "${name}": its schema has no JSON Schema form (${(err as Error).message}); use JSON types only`);
  }
  if (!jsonSchema) {
    throw new GraphValidationError(
      `Tool "${name}": its ${schema['~standard'].vendor} schema gives no JSON Schema for the model; use zod 4 (with zod 3.25: import { z } from 'zod/v4') or a library that implements Standard JSON Schema`,
    );
  }
  const { $schema: _dialect, ...parameters } = jsonSchema;
  if (parameters.type !== 'object') {
    throw new GraphValidationError(`Tool "${name}": schema must describe an object of arguments (z.object({ ... })), not ${JSON.stringify(parameters.type ?? 'any value')}`);
  }
  return parameters;
}

/** One line per issue: `path: message`, the path left out for the object itself. */
export function describeIssues(issues: ReadonlyArray<StandardIssue>): string {
  const keyOf = (segment: PropertyKey | { key: PropertyKey }) => String(typeof segment === 'object' ? segment.key : segment);
  return issues.map((issue) => (issue.path?.length ? `${issue.path.map(keyOf).join('.')}: ${issue.message}` : issue.message)).join('; ');
}

/** Declares a tool the agent may call; its schema checks every call before it runs. */
export function tool<S extends ToolSchema>(definition: ToolDefinition<S>): Tool<S> {
  const { name, schema } = definition;
  if (!TOOL_NAME.test(name)) {
    throw new GraphValidationError(`Tool name "${name}" is not allowed: use 1 to 64 letters, digits, "_" or "-"`);
  }
  if (!isStandardSchema(schema)) {
    throw new GraphValidationError(`Tool "${name}": schema must be a Standard Schema object schema, such as zod 4's z.object({ ... })`);
  }
  const parameters = parametersOf(name, schema);
  return {
    ...definition,
    parameters,
    parse(args) {
      const result = schema['~standard'].validate(args);
      // Arguments are checked inside update validators, which cannot wait.
      if ('then' in result) {
        throw new GraphValidationError(`Tool "${name}": its schema validates asynchronously; tool schemas must validate synchronously (no async refinements)`);
      }
      return result.issues ? { ok: false, error: describeIssues(result.issues) } : { ok: true, value: result.value };
    },
  };
}
