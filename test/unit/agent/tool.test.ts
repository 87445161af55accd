import { z } from 'zod/v4';
import { z as z3 } from 'zod';
import { tool } from '../../../src/agent/tool';

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

  test("refuses a schema that is not a zod/v4 object, saying how to make one", () => {
    const v3 = z3.object({ to: z3.string() });
    expect(() => tool({ name: 'old', description: '', schema: v3 as never, execute: () => '' })).toThrow(/zod object built with zod\/v4/);
    expect(() => tool({ name: 'str', description: '', schema: z.string() as never, execute: () => '' })).toThrow(/zod object built with zod\/v4/);
  });

  test('refuses a schema with no JSON Schema form, naming the tool', () => {
    expect(() => tool({ name: 'when', description: '', schema: z.object({ at: z.date() }), execute: () => '' })).toThrow(/Tool "when": its schema has no JSON Schema form/);
  });
});
