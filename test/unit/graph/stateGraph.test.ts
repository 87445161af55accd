import { Annotation } from '../../../src/graph/annotation';
import { END, START } from '../../../src/engine/constants';
import { StateGraph } from '../../../src/graph/stateGraph';

const State = Annotation.Root({ value: Annotation<string>() });
const noop = () => ({});

describe('StateGraph builder', () => {
  test('compile keeps the options it was given', () => {
    const compiled = new StateGraph(State).addNode('a', noop).addEdge(START, 'a').compile({ name: 'mine', interruptAfter: ['a'] });
    expect(compiled.name).toBe('mine');
    expect(compiled.options.interruptAfter).toEqual(['a']);
  });

  test('a list path map routes each listed name to the node of that name', () => {
    const def = new StateGraph(State)
      .addNode('a', noop)
      .addNode('b', noop)
      .addEdge(START, 'a')
      .addConditionalEdges('a', () => 'b', ['b', END])
      .compile().def;
    expect(def.branches[0].pathMap).toEqual({ b: 'b', [END]: END });
  });

  test('a node declared with ends and a retry policy keeps both', () => {
    const retryPolicy = { maxAttempts: 5 };
    const def = new StateGraph(State).addNode('a', noop, { ends: [END], retryPolicy }).addEdge(START, 'a').compile().def;
    expect(def.nodes.get('a')).toMatchObject({ ends: [END], retryPolicy });
  });

  test('changing the builder after compile does not change the compiled graph', () => {
    const builder = new StateGraph(State).addNode('a', noop).addEdge(START, 'a');
    const compiled = builder.compile();
    builder.addNode('late', noop).addEdge('a', 'late').addEdge(['a', 'late'], END).addConditionalEdges('late', () => END);
    expect([...compiled.def.nodes.keys()]).toEqual(['a']);
    expect(compiled.def.edges).toEqual([{ from: START, to: 'a' }]);
    expect(compiled.def.joins).toEqual([]);
    expect(compiled.def.branches).toEqual([]);
  });
});
