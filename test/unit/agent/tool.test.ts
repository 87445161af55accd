import { z } from 'zod/v4';
import { z as z3 } from 'zod';
import { tool } from '../../../src/agent/tool';
import { pointSchema } from '../../helpers/pointSchema';

const sendEmail = tool({
  name: 'send_email',
  description: 'Send an email.',
  schema: z.object({ to: z.email(), subject: z.string().min(1), cc: z.array(z.email()).optional() }),
  execute: () => 'sent',
});

describe('tool', () => {
  test("gives the model the JSON Schema of the zod schema's input, without the $schema line", () => {
    expect(sendEmail.parameters).toEqual({
      type: 'object',
      properties: {
        to: expect.objectContaining({ type: 'string', format: 'email' }),
        subject: { type: 'string', minLength: 1 },
        cc: { type: 'array', items: expect.objectContaining({ type: 'string', format: 'email' }) },
      },
      required: ['to', 'subject'],
    });
  });

  test('parses valid arguments into their typed value', () => {
    expect(sendEmail.parse({ to: 'ada@example.com', subject: 'Hi' })).toEqual({ ok: true, value: { to: 'ada@example.com', subject: 'Hi' } });
  });

  test('describes every failing argument as path: message', () => {
    expect(sendEmail.parse({ to: 'nobody', cc: ['x'] })).toEqual({
      ok: false,
      error: 'to: Invalid email address; subject: Invalid input: expected string, received undefined; cc.0: Invalid email address',
    });
  });

  test('refuses a name the model APIs do not allow', () => {
    expect(() => tool({ name: 'send email', description: '', schema: z.object({}), execute: () => '' })).toThrow(
      expect.objectContaining({ code: 'INVALID_GRAPH', message: expect.stringContaining('Tool name "send email" is not allowed') }),
    );
  });

  test("refuses a zod 3 schema, which has no JSON Schema for the model, saying to use zod 4", () => {
    const v3 = z3.object({ to: z3.string() });
    expect(() => tool({ name: 'old', description: '', schema: v3, execute: () => '' })).toThrow(
      expect.objectContaining({ code: 'INVALID_GRAPH', message: expect.stringContaining(`Tool "old": its zod schema gives no JSON Schema for the model; use zod 4 (with zod 3.25: import { z } from 'zod/v4')`) }),
    );
  });

  test('refuses a schema of anything but an object of arguments', () => {
    // @ts-expect-error a string schema is no object of arguments
    expect(() => tool({ name: 'str', description: '', schema: z.string(), execute: () => '' })).toThrow(/Tool "str": schema must describe an object of arguments \(z.object\(\{ ... \}\)\), not "string"/);
  });

  test('refuses what is not a Standard Schema at all', () => {
    // @ts-expect-error a plain JSON Schema is not a Standard Schema
    expect(() => tool({ name: 'json', description: '', schema: { type: 'object' }, execute: () => '' })).toThrow(/Tool "json": schema must be a Standard Schema object schema/);
  });

  test("takes the JSON Schema and the issues of a Standard Schema library that is not zod", () => {
    const distance = tool({ name: 'distance', description: '', schema: pointSchema, execute: ({ x, y }) => Math.hypot(x, y) });
    expect(distance.parameters).toEqual({ type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } }, required: ['x', 'y'] });
    expect(distance.parse({ x: 3, y: 4 })).toEqual({ ok: true, value: { x: 3, y: 4 } });
    expect(distance.parse({ x: '3' })).toEqual({ ok: false, error: 'x: a number is required; y: a number is required' });
  });

  test("refuses arguments the schema could only check asynchronously, naming the tool", () => {
    const slow = tool({ name: 'slow', description: '', schema: z.object({ a: z.string().refine(async () => true) }), execute: () => '' });
    expect(() => slow.parse({ a: 'x' })).toThrow(/Tool "slow": its schema validates asynchronously/);
  });

  test('refuses a schema with no JSON Schema form, naming the tool', () => {
    expect(() => tool({ name: 'when', description: '', schema: z.object({ at: z.date() }), execute: () => '' })).toThrow(/Tool "when": its schema has no JSON Schema form/);
  });
});
