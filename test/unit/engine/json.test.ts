import fc from 'fast-check';
import { assertJson, describeNonJson, findNonJson } from '../../../src/engine/json';

class Money {
  constructor(readonly amount: number) {}
}

describe('findNonJson', () => {
  test('plain JSON values have nothing to report, null and nested empties included', () => {
    for (const value of [null, 0, -0, '', false, 'text', 1.5, [], {}, [[], {}], { a: [1, { b: null }] }, Object.create(null)]) {
      expect(findNonJson(value)).toBeUndefined();
    }
  });

  test.each([
    ['a function', () => 1, 'a function'],
    ['undefined', undefined, 'undefined'],
    ['NaN', NaN, 'NaN'],
    ['Infinity', Infinity, 'Infinity'],
    ['-Infinity', -Infinity, '-Infinity'],
    ['a BigInt', 10n, 'a BigInt'],
    ['a Symbol', Symbol('s'), 'a Symbol'],
    ['a Map', new Map([['a', 1]]), 'a Map'],
    ['a Set', new Set([1]), 'a Set'],
    ['a Date', new Date(0), 'a Date'],
    ['a Uint8Array', new Uint8Array([1, 2]), 'a Uint8Array'],
    ['a Float64Array', new Float64Array(1), 'a Float64Array'],
    ['an ArrayBuffer', new ArrayBuffer(4), 'an ArrayBuffer'],
    ['a class instance', new Money(5), 'an instance of class Money'],
    ['a RegExp', /x/, 'a RegExp'],
    ['a boxed number', Object(1), 'a Number'],
  ])('%s at the top is reported at $', (_name, value, reason) => {
    expect(findNonJson(value)).toEqual({ path: '$', reason });
  });

  test('the path names the first bad value: members with dots, items with brackets', () => {
    expect(findNonJson({ args: { amount: NaN } })).toEqual({ path: '$.args.amount', reason: 'NaN' });
    expect(findNonJson({ items: [1, 2, new Map()] })).toEqual({ path: '$.items[2]', reason: 'a Map' });
    expect(findNonJson([{ ok: true }, { when: new Date() }])).toEqual({ path: '$[1].when', reason: 'a Date' });
  });

  test('a key that is not an identifier is quoted in the path', () => {
    expect(findNonJson({ 'first name': undefined })).toEqual({ path: '$["first name"]', reason: 'undefined' });
    expect(findNonJson({ a: { '0x': () => 0 } })).toEqual({ path: '$.a["0x"]', reason: 'a function' });
  });

  test('an undefined object member is refused, not dropped', () => {
    expect(findNonJson({ a: 1, b: undefined })).toEqual({ path: '$.b', reason: 'undefined' });
  });

  test('the first bad value in key order is the one reported', () => {
    expect(findNonJson({ a: { b: NaN }, c: undefined })).toEqual({ path: '$.a.b', reason: 'NaN' });
  });

  test('a cycle is reported where it closes', () => {
    const loop: Record<string, unknown> = { a: { b: {} } };
    (loop.a as { b: Record<string, unknown> }).b.back = loop;
    expect(findNonJson(loop)).toEqual({ path: '$.a.b.back', reason: 'a cycle (it contains itself)' });
    const list: unknown[] = [1];
    list.push(list);
    expect(findNonJson(list)).toEqual({ path: '$[1]', reason: 'a cycle (it contains itself)' });
  });

  test('objects and arrays made in another realm are plain too', () => {
    expect(findNonJson(structuredClone({ a: [1, { b: 'c' }] }))).toBeUndefined();
  });

  test('a subclass of Array is a class instance', () => {
    class Row extends Array<number> {}
    expect(findNonJson({ row: Row.from([1]) })).toEqual({ path: '$.row', reason: 'an instance of class Row' });
  });

  test('the same object in two places is not a cycle', () => {
    const shared = { x: 1 };
    expect(findNonJson({ a: shared, b: [shared, shared] })).toBeUndefined();
  });

  test('a sparse array slot is refused (JSON would turn it into null)', () => {
    expect(findNonJson([1, , 3])).toEqual({ path: '$[1]', reason: 'an empty slot of a sparse array' });
  });

  test('an object with enumerable Symbol keys is refused (JSON would drop them)', () => {
    expect(findNonJson({ a: { [Symbol('k')]: 1 } })).toEqual({ path: '$.a', reason: 'an object with Symbol keys' });
  });

  test('every value fast-check builds as JSON passes, and survives a JSON round trip unchanged (-0 aside)', () => {
    // -0 is accepted and arrives as 0, as JSON has it: refusing it would refuse Math.round(-0.2).
    const zeroed = (v: unknown): unknown =>
      Object.is(v, -0) ? 0 : Array.isArray(v) ? v.map(zeroed) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, zeroed(x)])) : v;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(findNonJson(value)).toBeUndefined();
        expect(JSON.parse(JSON.stringify(value))).toEqual(zeroed(value));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  test('a bad value put anywhere in a JSON object is found at its path', () => {
    const bad = fc.constantFrom<unknown>(undefined, NaN, Infinity, 1n, new Map(), new Set(), new Date(0), new Uint8Array(1), () => 0, new Money(1));
    const key = fc.string({ minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue()), fc.array(key, { minLength: 1, maxLength: 4 }), bad, (base, keys, value) => {
        const root: Record<string, unknown> = structuredClone(base);
        let node = root;
        for (const k of keys.slice(0, -1)) node = (node[k] = {});
        node[keys[keys.length - 1]] = value;
        const expected = '$' + keys.map((k) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`)).join('');
        const found = findNonJson({ __: [], z: root });
        expect(found?.path).toBe(expected.replace('$', '$.z'));
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe('assertJson', () => {
  test('passes JSON through silently', () => {
    expect(() => assertJson({ a: [1, 'b', null] }, 'answer')).not.toThrow();
  });

  test('throws a TypeError naming what was checked, the path and the reason', () => {
    expect(() => assertJson({ args: { amount: NaN } }, 'Command resume')).toThrow(
      new TypeError(describeNonJson('Command resume', { path: '$.args.amount', reason: 'NaN' })),
    );
    expect(() => assertJson(new Map(), 'interrupt value')).toThrow(/^interrupt value: \$ is a Map, which JSON cannot hold/);
  });

  test('throws the error the caller builds', () => {
    class Refusal extends Error {}
    expect(() => assertJson(undefined, 'input', (m) => new Refusal(m))).toThrow(Refusal);
  });
});
