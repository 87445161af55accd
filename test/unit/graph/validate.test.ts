import { Annotation } from '../../../src/graph/annotation';
import { END, START } from '../../../src/engine/constants';
import { GraphValidationError } from '../../../src/engine/errors';
import { StateGraph } from '../../../src/graph/stateGraph';
import { catchError } from './catchError';

const State = Annotation.Root({ value: Annotation<string>() });
const noop = () => ({});

/** A graph START -> a -> b -> END, ready for one more mistake. */
const twoNodes = () => new StateGraph(State).addNode('a', noop).addNode('b', noop).addEdge(START, 'a').addEdge('a', 'b').addEdge('b', END);

function expectInvalidGraph(fn: () => unknown, ...culprits: string[]): void {
  const err = catchError(fn);
  expect(err).toBeInstanceOf(GraphValidationError);
  expect(err.code).toBe('INVALID_GRAPH');
  for (const culprit of culprits) expect(err.message).toContain(culprit);
}

describe('compile-time checks', () => {
  test('a well-formed graph compiles', () => {
    expect(() => twoNodes().compile()).not.toThrow();
  });

  test('an edge to an unknown node is refused, naming that node', () => {
    expectInvalidGraph(() => twoNodes().addEdge('a', 'ghost').compile(), '"ghost"');
  });

  test('an edge from an unknown node is refused, naming that node', () => {
    expectInvalidGraph(() => twoNodes().addEdge('ghost', 'b').compile(), '"ghost"');
  });

  test('a join with an unknown source is refused, naming the source', () => {
    expectInvalidGraph(() => twoNodes().addEdge(['a', 'phantom'], 'b').compile(), '"phantom"');
  });

  test('a join with no sources is refused, naming its target', () => {
    expectInvalidGraph(() => twoNodes().addEdge([], 'b').compile(), 'b', 'no source');
  });

  test('a join one of whose sources cannot be reached is refused, naming that source', () => {
    const graph = twoNodes().addNode('c', noop).addNode('orphan', noop).addEdge(['a', 'orphan'], 'c');
    expectInvalidGraph(() => graph.compile(), '"orphan"');
  });

  test('a path map pointing to an unknown node is refused, naming that node', () => {
    expectInvalidGraph(() => twoNodes().addConditionalEdges('a', () => 'x', { x: 'b', y: 'nowhere' }).compile(), '"nowhere"');
  });

  test('a conditional edge from an unknown node is refused, naming that node', () => {
    expectInvalidGraph(() => twoNodes().addConditionalEdges('ghost', () => 'b', ['b']).compile(), '"ghost"');
  });

  test('an unknown node in a node\'s ends is refused, naming it and the node', () => {
    const graph = new StateGraph(State).addNode('a', noop, { ends: ['b', 'elsewhere'] }).addNode('b', noop).addEdge(START, 'a');
    expectInvalidGraph(() => graph.compile(), '"elsewhere"', '"a"');
  });

  test('a node no edge leads to is refused as unreachable, naming it', () => {
    const graph = twoNodes().addNode('orphan', noop).addEdge('orphan', END);
    expectInvalidGraph(() => graph.compile(), '"orphan"', 'reached');
  });

  test('a cycle no edge from START leads into is refused as unreachable', () => {
    const graph = twoNodes().addNode('x', noop).addNode('y', noop).addEdge('x', 'y').addEdge('y', 'x');
    expectInvalidGraph(() => graph.compile(), '"x"', '"y"');
  });

  test('a node reached only through a path map is reachable', () => {
    const graph = new StateGraph(State)
      .addNode('a', noop)
      .addNode('b', noop)
      .addEdge(START, 'a')
      .addConditionalEdges('a', () => 'go', { go: 'b', stop: END });
    expect(() => graph.compile()).not.toThrow();
  });

  test('a node reached only through another node\'s Command ends is reachable', () => {
    const graph = new StateGraph(State).addNode('a', noop, { ends: ['b'] }).addNode('b', noop).addEdge(START, 'a');
    expect(() => graph.compile()).not.toThrow();
  });

  test('a node reached only through a join is reachable', () => {
    const graph = twoNodes().addNode('c', noop).addEdge(['a', 'b'], 'c');
    expect(() => graph.compile()).not.toThrow();
  });

  test('a router without a path map may reach any node, so no node is reported unreachable', () => {
    const graph = new StateGraph(State).addNode('a', noop).addNode('b', noop).addEdge(START, 'a').addConditionalEdges('a', () => 'b');
    expect(() => graph.compile()).not.toThrow();
  });

  test('a graph with no edge out of START is refused, saying so', () => {
    const graph = new StateGraph(State).addNode('a', noop).addEdge('a', END);
    expectInvalidGraph(() => graph.compile(), 'START');
  });

  test('a conditional edge out of START is a way out of START', () => {
    const graph = new StateGraph(State).addNode('a', noop).addConditionalEdges(START, () => 'a', ['a']);
    expect(() => graph.compile()).not.toThrow();
  });

  test('an edge leaving END is refused', () => {
    expectInvalidGraph(() => twoNodes().addEdge(END, 'a').compile(), END);
  });

  test('an edge into START is refused', () => {
    expectInvalidGraph(() => twoNodes().addEdge('b', START).compile(), START);
  });

  test('a second node with the same name is refused, naming it', () => {
    expectInvalidGraph(() => new StateGraph(State).addNode('a', noop).addNode('a', noop), '"a"');
  });

  test('a node named START is refused as reserved', () => {
    expectInvalidGraph(() => new StateGraph(State).addNode(START, noop), START, 'reserved');
  });

  test('a node named END is refused as reserved', () => {
    expectInvalidGraph(() => new StateGraph(State).addNode(END, noop), END, 'reserved');
  });

  test('any node name starting with two underscores is refused as reserved', () => {
    expectInvalidGraph(() => new StateGraph(State).addNode('__x', noop), '"__x"', 'reserved');
  });

  test('a node with the name of a state key is refused, naming it', () => {
    expectInvalidGraph(() => new StateGraph(State).addNode('value', noop), '"value"');
  });

  test('an unknown node in interruptBefore is refused, naming it and the option', () => {
    expectInvalidGraph(() => twoNodes().compile({ interruptBefore: ['a', 'missing'] }), '"missing"', 'interruptBefore');
  });

  test('an unknown node in interruptAfter is refused, naming it and the option', () => {
    expectInvalidGraph(() => twoNodes().compile({ interruptAfter: ['missing'] }), '"missing"', 'interruptAfter');
  });

  test("'*' is accepted for interruptBefore and interruptAfter", () => {
    const compiled = twoNodes().compile({ interruptBefore: '*', interruptAfter: '*' });
    expect(compiled.options).toMatchObject({ interruptBefore: '*', interruptAfter: '*' });
  });

  test("a single name instead of a list (like LangGraph's \"all\") is refused", () => {
    expectInvalidGraph(() => twoNodes().compile({ interruptBefore: 'all' as unknown as '*' }), 'interruptBefore', "'*'");
  });

  test('known nodes in interruptBefore and interruptAfter are accepted', () => {
    expect(() => twoNodes().compile({ interruptBefore: ['b'], interruptAfter: ['a'] })).not.toThrow();
  });
});
