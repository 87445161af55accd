import { Annotation } from '../../../src/graph/annotation';
import { initialValues } from '../../../src/engine/state';

describe('Annotation', () => {
  test('a key declared without options has neither reducer nor default', () => {
    const channel = Annotation<string>();
    expect(channel.reducer).toBeUndefined();
    expect(channel.default).toBeUndefined();
  });

  test('a key declared with a reducer and a default keeps both', () => {
    const reducer = (a: number[], b: number[]) => a.concat(b);
    const channel = Annotation<number[]>({ reducer, default: () => [] });
    expect(channel.reducer).toBe(reducer);
    expect(channel.default?.()).toEqual([]);
  });

  test('Annotation.Root keeps the spec it was given, key by key', () => {
    const spec = { a: Annotation<string>(), b: Annotation<number>({ default: () => 1 }) };
    const State = Annotation.Root(spec);
    expect(State.spec).toBe(spec);
    expect(Object.keys(State.spec)).toEqual(['a', 'b']);
  });

  test('a new state holds each default, and undefined for keys without one', () => {
    const State = Annotation.Root({
      name: Annotation<string>(),
      count: Annotation<number>({ default: () => 0 }),
      log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
    });
    const values = initialValues(State.spec);
    expect(values).toEqual({ name: undefined, count: 0, log: [] });
    expect(Object.keys(values)).toEqual(['name', 'count', 'log']);
  });

  test('every new state gets its own copy of a default, never a shared object', () => {
    const State = Annotation.Root({ log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
    const first = initialValues(State.spec);
    const second = initialValues(State.spec);
    (first.log as string[]).push('mutated');
    expect(second.log).toEqual([]);
  });
});
