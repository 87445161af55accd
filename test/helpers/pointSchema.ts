// A schema library of the user's own, with no zod in it: Standard Schema validation plus Standard
// JSON Schema, the two things a tool's schema must offer.

/** `{ x: number, y: number }`, validated by hand. */
export const pointSchema = {
  '~standard': {
    version: 1 as const,
    vendor: 'point-schema',
    validate(value: unknown) {
      const point = (value ?? {}) as Record<string, unknown>;
      const issues = (['x', 'y'] as const)
        .filter((key) => typeof point[key] !== 'number')
        .map((key) => ({ message: 'a number is required', path: [{ key }] }));
      return issues.length ? { issues } : { value: { x: point.x as number, y: point.y as number } };
    },
    jsonSchema: {
      input: () => ({ type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } }, required: ['x', 'y'] }),
    },
    types: undefined as { input: { x: number; y: number }; output: { x: number; y: number } } | undefined,
  },
};
