// The Standard Schema interface (https://standardschema.dev), copied as its authors ask so that no
// schema library's types are ours: zod 3.24+ and 4, valibot, arktype and others implement it, so a
// tool's schema type-checks whichever copy and version of the library the user's project has.

/** A schema any Standard Schema library makes: it validates a value and carries its types. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaProps<Input, Output>;
}

/** The `~standard` property of a schema. */
export interface StandardSchemaProps<Input = unknown, Output = Input> {
  readonly version: 1;
  /** The library's name, e.g. `zod`. */
  readonly vendor: string;
  /** Validates a value: its output, or the issues. A Promise when the schema validates asynchronously. */
  readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
  /** Types only, never set at runtime. */
  readonly types?: { readonly input: Input; readonly output: Output } | undefined;
}

/** What `validate` gives: the output, or why the value fails. */
export type StandardResult<Output> = { readonly value: Output; readonly issues?: undefined } | { readonly issues: ReadonlyArray<StandardIssue> };

/** One reason a value fails the schema, and where in the value. */
export interface StandardIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** The type a schema's validation outputs. */
export type InferOutput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['output'];

/**
 * Standard JSON Schema (https://standardschema.dev/json-schema), which zod 4.2+, arktype and
 * valibot's adapter add to `~standard`: the schema's JSON Schema. Optional here, since libraries
 * do not all declare it in their types.
 */
export interface StandardJSONSchemaConverter {
  input(options: { target: 'draft-2020-12' | 'draft-07' | 'openapi-3.0' }): Record<string, unknown>;
}
