import { Annotation } from '../../../src/graph/annotation';
import { InvalidUpdateError } from '../../../src/engine/errors';
import { applyWrites, initialValues, unknownKeys } from '../../../src/engine/state';
import { catchError } from '../graph/catchError';

const State = Annotation.Root({
  topic: Annotation<string>(),
  count: Annotation<number>({ default: () => 0 }),
  log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  total: Annotation<number, number>({ reducer: (a, b) => a + b }),
});
const spec = State.spec;

describe('applyWrites', () => {
  test('a last-value key takes the value written', () => {
    const values = applyWrites(spec, initialValues(spec), [{ node: 'a', update: { topic: 'cats' } }]);
    expect(values.topic).toBe('cats');
  });

  test('a key with a reducer merges the write into the current value', () => {
    const start = { ...initialValues(spec), log: ['one'] };
    const values = applyWrites(spec, start, [{ node: 'a', update: { log: ['two'] } }]);
    expect(values.log).toEqual(['one', 'two']);
  });

  test('a reducer key merges every write of the step, in the order given', () => {
    const values = applyWrites(spec, initialValues(spec), [
      { node: 'b', update: { log: ['from b'] } },
      { node: 'a', update: { log: ['from a'] } },
    ]);
    expect(values.log).toEqual(['from b', 'from a']);
  });

  test('a reducer key whose value is missing starts from its default', () => {
    const values = applyWrites(spec, { topic: undefined, count: 0, log: undefined, total: undefined }, [{ node: 'a', update: { log: ['x'] } }]);
    expect(values.log).toEqual(['x']);
  });

  test('a reducer key without a default takes its first write as it is, as in LangGraph', () => {
    const Joined = Annotation.Root({ tags: Annotation<string[]>({ reducer: (a, b) => a.concat(b) }) });
    const values = applyWrites(Joined.spec, initialValues(Joined.spec), [
      { node: 'a', update: { tags: ['x'] } },
      { node: 'b', update: { tags: ['y'] } },
    ]);
    expect(values.tags).toEqual(['x', 'y']);
  });

  test('keys a step does not write keep their values', () => {
    const start = { ...initialValues(spec), topic: 'dogs', count: 3 };
    const values = applyWrites(spec, start, [{ node: 'a', update: { log: ['x'] } }]);
    expect(values.topic).toBe('dogs');
    expect(values.count).toBe(3);
  });

  test('a key written as undefined is left unchanged', () => {
    const start = { ...initialValues(spec), topic: 'dogs' };
    const values = applyWrites(spec, start, [{ node: 'a', update: { topic: undefined } }]);
    expect(values.topic).toBe('dogs');
  });

  test('a last-value key can be set to null', () => {
    const start = { ...initialValues(spec), topic: 'dogs' };
    const values = applyWrites(spec, start, [{ node: 'a', update: { topic: null } }]);
    expect(values.topic).toBeNull();
  });

  test('the values passed in are not mutated', () => {
    const start = { ...initialValues(spec), topic: 'dogs' };
    applyWrites(spec, start, [{ node: 'a', update: { topic: 'cats', log: ['x'] } }]);
    expect(start).toEqual({ topic: 'dogs', count: 0, log: [], total: undefined });
  });

  test('two nodes writing one last-value key in a step is an error naming the key and both nodes', () => {
    const err = catchError(() =>
      applyWrites(spec, initialValues(spec), [
        { node: 'writer_one', update: { topic: 'a' } },
        { node: 'writer_two', update: { topic: 'b' } },
      ]),
    );
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.code).toBe('INVALID_UPDATE');
    expect(err.message).toContain('"topic"');
    expect(err.message).toContain('writer_one');
    expect(err.message).toContain('writer_two');
  });

  test('two nodes writing one reducer key in a step is not a conflict', () => {
    const values = applyWrites(spec, initialValues(spec), [
      { node: 'a', update: { total: 2 } },
      { node: 'b', update: { total: 3 } },
    ]);
    expect(values.total).toBe(5);
  });

  test('two nodes writing different last-value keys in a step is not a conflict', () => {
    const values = applyWrites(spec, initialValues(spec), [
      { node: 'a', update: { topic: 'x' } },
      { node: 'b', update: { count: 7 } },
    ]);
    expect(values).toMatchObject({ topic: 'x', count: 7 });
  });

  test('a write to a key the state does not declare is refused, naming the key and the node', () => {
    const err = catchError(() => applyWrites(spec, initialValues(spec), [{ node: 'summarise', update: { topic: 'x', summary: 'y' } }]));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.code).toBe('INVALID_UPDATE');
    expect(err.message).toContain('"summary"');
    expect(err.message).toContain('summarise');
    expect(err.message).not.toContain('"topic"');
  });

  test('unknownKeys lists only the keys the state does not declare', () => {
    expect(unknownKeys(spec, { topic: 1, nope: 2, count: 3, other: 4 })).toEqual(['nope', 'other']);
  });
});
