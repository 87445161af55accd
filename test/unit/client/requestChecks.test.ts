import { checkRequestSize, checkRootConfig, requestBytes, runInputOf, updateValuesOf } from '../../../src/client/requestChecks';
import { Command, Send } from '../../../src/engine/command';
import { InvalidCommandError, InvalidUpdateError, PayloadTooLargeError } from '../../../src/engine/errors';
import type { ThreadRequest } from '../../../src/runtime/protocol';

function refusal(fn: () => unknown): { code?: string; message: string } {
  try {
    fn();
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('invoke input', () => {
  test('null, a state object and a Command travel as plain JSON', () => {
    expect(runInputOf(null)).toBeNull();
    expect(runInputOf({ a: 1 })).toEqual({ a: 1 });
    const sent = runInputOf(new Command({ resume: 0, update: { a: 1 }, goto: ['n', new Send('m', { x: 1 })] }));
    expect(sent).toEqual({ lg_name: 'Command', resume: 0, update: { a: 1 }, goto: ['n', { lg_name: 'Send', node: 'm', arg: { x: 1 } }] });
    expect(Object.getPrototypeOf((sent!.goto as object[])[1])).toBe(Object.prototype);
  });

  test('a Command carries only the fields it was given', () => {
    expect(runInputOf(new Command({ resume: 'yes' }))).toEqual({ lg_name: 'Command', resume: 'yes' });
    expect(Object.keys(runInputOf(new Command({ goto: 'n' }))!)).toEqual(['lg_name', 'goto']);
  });

  test('input that is not JSON is INVALID_UPDATE naming the path', () => {
    const err = refusal(() => runInputOf({ items: [1, 2, new Set()] }));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toMatch(/^invoke input: \$\.items\[2\] is a Set, which JSON cannot hold/);
    expect(refusal(() => runInputOf({ x: () => 1 })).message).toMatch(/\$\.x is a function/);
    expect(refusal(() => runInputOf(undefined)).code).toBe('INVALID_UPDATE');
  });

  test('an answer that is not JSON is INVALID_COMMAND naming the path inside the answer', () => {
    const err = refusal(() => runInputOf(new Command({ resume: { type: 'edit', args: { amount: NaN } } })));
    expect(err).toBeInstanceOf(InvalidCommandError);
    expect(err.message).toMatch(/^Command resume: \$\.args\.amount is NaN/);
    expect(refusal(() => runInputOf(new Command({ resume: undefined }))).message).toMatch(/^Command resume: \$ is undefined/);
    expect(refusal(() => runInputOf(new Command({ resume: 10n }))).code).toBe('INVALID_COMMAND');
  });

  test("a Command's update that is not JSON is INVALID_UPDATE", () => {
    const err = refusal(() => runInputOf(new Command({ resume: 'ok', update: { when: new Date() } })));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toMatch(/^Command update: \$\.when is a Date/);
  });

  test("a Command's goto that is not JSON is INVALID_COMMAND, a Send's arg included", () => {
    expect(refusal(() => runInputOf(new Command({ goto: new Send('n', { m: new Map() }) }))).message).toMatch(
      /^Command goto \$ \(Send to "n"\) arg: \$\.m is a Map/,
    );
    expect(refusal(() => runInputOf(new Command({ goto: ['a', (() => 'b') as never] })))).toBeInstanceOf(InvalidCommandError);
  });
});

describe('updateState values', () => {
  test('null and JSON objects pass; anything else is INVALID_UPDATE naming the path', () => {
    expect(updateValuesOf(null)).toBeNull();
    expect(updateValuesOf({ a: [1] })).toEqual({ a: [1] });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const err = refusal(() => updateValuesOf(cyclic));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toMatch(/^updateState values: \$\.self is a cycle/);
    expect(refusal(() => updateValuesOf({ data: new Uint8Array(2) })).message).toMatch(/\$\.data is a Uint8Array/);
  });
});

describe('request size', () => {
  const request = (text: string): ThreadRequest => ({ kind: 'updateState', requestId: 'r', graph: 'g', values: { text }, options: {} });

  test('the size is the UTF-8 bytes of the JSON', () => {
    const ascii = requestBytes(request('aaaa'));
    expect(requestBytes(request('éééé'))).toBe(ascii + 4);
    expect(ascii).toBe(Buffer.byteLength(JSON.stringify(request('aaaa'))));
  });

  test('a request up to the limit passes; one byte more is PAYLOAD_TOO_LARGE giving the size and the limit', () => {
    const limit = requestBytes(request('x'.repeat(100)));
    expect(() => checkRequestSize(request('x'.repeat(100)), 't', limit)).not.toThrow();
    const err = refusal(() => checkRequestSize(request('x'.repeat(101)), 't', limit));
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect(err.message).toContain(`is ${(limit + 1).toLocaleString('en-US')} bytes of JSON, over the ${limit.toLocaleString('en-US')} bytes limit`);
    expect(err.message).toContain('thread "t"');
    expect(err.message).toContain('maxRequestBytes');
  });
});

describe("a subgraph's config", () => {
  test('is refused with INVALID_COMMAND naming its namespace; the root namespace and none pass', () => {
    const err = refusal(() => checkRootConfig({ configurable: { thread_id: 't', checkpoint_ns: 'child:abc' } }));
    expect(err).toBeInstanceOf(InvalidCommandError);
    expect(err.message).toContain('"child:abc"');
    expect(() => checkRootConfig({ configurable: { thread_id: 't', checkpoint_ns: '' } })).not.toThrow();
    expect(() => checkRootConfig({ configurable: { thread_id: 't' } })).not.toThrow();
  });
});
