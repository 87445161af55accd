import { Annotation } from '../../../src/graph/annotation';
import { Command, Send } from '../../../src/engine/command';
import { END, START } from '../../../src/engine/constants';
import { InvalidUpdateError } from '../../../src/engine/errors';
import { JoinProgress, planNext, planStart } from '../../../src/engine/planner';
import { StateGraph } from '../../../src/graph/stateGraph';
import type { GraphDefinition, RouteTarget } from '../../../src/engine/types';
import { catchAsyncError } from '../graph/catchError';

const State = Annotation.Root({ route: Annotation<string>(), items: Annotation<number[]>() });
type S = typeof State.State;
const noop = () => ({});

/** Nodes a..e, START -> a; the test adds the edges it is about. */
function graphWith(wire: (g: StateGraph<typeof State.spec>) => StateGraph<typeof State.spec>): GraphDefinition {
  let g = new StateGraph(State);
  for (const n of ['a', 'b', 'c', 'd', 'e']) g = g.addNode(n, noop, { ends: ['a', 'b', 'c', 'd', 'e'] });
  return wire(g.addEdge(START, 'a')).compile().def;
}

const names = (plan: { tasks: Array<{ node: string }> }) => plan.tasks.map((t) => t.node);
const state = (values: Partial<S> = {}) => ({ route: undefined, items: undefined, ...values });

describe('planStart', () => {
  test('the first step runs the node START leads to', async () => {
    const def = graphWith((g) => g);
    expect(names(await planStart(def, state(), {}))).toEqual(['a']);
  });

  test('a router on START chooses the first step', async () => {
    const def = new StateGraph(State)
      .addNode('x', noop)
      .addNode('y', noop)
      .addConditionalEdges(START, (s: S) => (s.route === 'y' ? 'y' : 'x'), ['x', 'y'])
      .compile().def;
    expect(names(await planStart(def, state({ route: 'y' }), {}))).toEqual(['y']);
  });
});

describe('planNext: static edges', () => {
  test('a finished node triggers each node its edges lead to, in edge order', async () => {
    const def = graphWith((g) => g.addEdge('a', 'c').addEdge('a', 'b'));
    expect(names(await planNext(def, [{ node: 'a' }], state(), {}))).toEqual(['c', 'b']);
  });

  test('a node triggered by two finished nodes runs once', async () => {
    const def = graphWith((g) => g.addEdge('a', 'b').addEdge('a', 'c').addEdge('b', 'd').addEdge('c', 'd'));
    expect(names(await planNext(def, [{ node: 'b' }, { node: 'c' }], state(), {}))).toEqual(['d']);
  });

  test('a node that ran as several Send tasks triggers its successor once', async () => {
    const def = graphWith((g) => g.addEdge('a', 'b').addEdge('b', 'c'));
    expect(names(await planNext(def, [{ node: 'b' }, { node: 'b' }, { node: 'b' }], state(), {}))).toEqual(['c']);
  });

  test('an edge to END plans nothing', async () => {
    const def = graphWith((g) => g.addEdge('a', END));
    expect((await planNext(def, [{ node: 'a' }], state(), {})).tasks).toEqual([]);
  });

  test('a node without outgoing edges ends its branch', async () => {
    const def = graphWith((g) => g.addEdge('a', 'b').addEdge('a', 'c').addEdge('b', 'd'));
    expect(names(await planNext(def, [{ node: 'b' }, { node: 'c' }], state(), {}))).toEqual(['d']);
  });

  test('edges of nodes that did not finish are not followed', async () => {
    const def = graphWith((g) => g.addEdge('a', 'b').addEdge('b', 'c'));
    expect(names(await planNext(def, [{ node: 'a' }], state(), {}))).toEqual(['b']);
  });
});

describe('planNext: joins', () => {
  const joinDef = () => graphWith((g) => g.addEdge('a', 'b').addEdge('a', 'c').addEdge(['b', 'c'], 'd'));

  test('a join target runs when all its sources finish in the same step', async () => {
    const plan = await planNext(joinDef(), [{ node: 'b' }, { node: 'c' }], state(), {});
    expect(names(plan)).toEqual(['d']);
  });

  test('a join target waits while one of its sources has not finished', async () => {
    const plan = await planNext(joinDef(), [{ node: 'b' }], state(), {});
    expect(names(plan)).toEqual([]);
    expect(Object.values(plan.joins)).toEqual([['b']]);
  });

  test('a join target runs once its last source finishes in a later step', async () => {
    const def = joinDef();
    const first = await planNext(def, [{ node: 'b' }], state(), {});
    const second = await planNext(def, [{ node: 'c' }], state(), first.joins);
    expect(names(second)).toEqual(['d']);
  });

  test('a source finishing twice does not stand in for the other source', async () => {
    const def = joinDef();
    const first = await planNext(def, [{ node: 'b' }], state(), {});
    const second = await planNext(def, [{ node: 'b' }], state(), first.joins);
    expect(names(second)).toEqual([]);
  });

  test('a join starts counting afresh after its target was planned', async () => {
    const def = joinDef();
    const fired = await planNext(def, [{ node: 'b' }, { node: 'c' }], state(), {});
    const again = await planNext(def, [{ node: 'b' }], state(), fired.joins);
    expect(names(again)).toEqual([]);
  });

  test('the join progress passed in is not mutated', async () => {
    const progress: JoinProgress = { 0: ['b'] };
    await planNext(joinDef(), [{ node: 'c' }], state(), progress);
    expect(progress).toEqual({ 0: ['b'] });
  });

  test('a join into END plans nothing once complete', async () => {
    const def = graphWith((g) => g.addEdge('a', 'b').addEdge('a', 'c').addEdge(['b', 'c'], END));
    const plan = await planNext(def, [{ node: 'b' }, { node: 'c' }], state(), {});
    expect(plan.tasks).toEqual([]);
    expect(plan.joins).toEqual({});
  });
});

describe('planNext: conditional edges', () => {
  const routed = (router: (s: S) => RouteTarget | Promise<RouteTarget>, pathMap?: Record<string, string> | string[]) =>
    graphWith((g) => g.addConditionalEdges('a', router, pathMap));

  test('a router without a path map names the next node itself', async () => {
    const def = routed((s) => (s.route === 'left' ? 'b' : 'c'));
    expect(names(await planNext(def, [{ node: 'a' }], state({ route: 'left' }), {}))).toEqual(['b']);
    expect(names(await planNext(def, [{ node: 'a' }], state({ route: 'right' }), {}))).toEqual(['c']);
  });

  test('a router may name several nodes, which all run', async () => {
    const def = routed(() => ['c', 'b']);
    expect(names(await planNext(def, [{ node: 'a' }], state(), {}))).toEqual(['c', 'b']);
  });

  test('a router result is translated through the path map', async () => {
    const def = routed((s) => (s.route === 'ok' ? 'approved' : 'rejected'), { approved: 'd', rejected: 'e' });
    expect(names(await planNext(def, [{ node: 'a' }], state({ route: 'ok' }), {}))).toEqual(['d']);
  });

  test('a list path map accepts exactly the names it lists', async () => {
    const def = routed(() => 'c', ['b', 'c']);
    expect(names(await planNext(def, [{ node: 'a' }], state(), {}))).toEqual(['c']);
  });

  test('a router sees the state it is given, i.e. after the step\'s writes', async () => {
    const seen: S[] = [];
    const def = routed((s) => {
      seen.push(s);
      return 'b';
    });
    await planNext(def, [{ node: 'a' }], state({ route: 'after writes' }), {});
    expect(seen.map((s) => s.route)).toEqual(['after writes']);
  });

  test('an async router is awaited', async () => {
    const def = routed(async () => 'd');
    expect(names(await planNext(def, [{ node: 'a' }], state(), {}))).toEqual(['d']);
  });

  test('a router returning END ends the branch', async () => {
    const def = routed(() => END);
    expect((await planNext(def, [{ node: 'a' }], state(), {})).tasks).toEqual([]);
  });

  test('a path map entry pointing to END ends the branch', async () => {
    const def = routed(() => 'done', { done: END, more: 'b' });
    expect((await planNext(def, [{ node: 'a' }], state(), {})).tasks).toEqual([]);
  });

  test('a router result its path map does not list is an error naming the result and the node', async () => {
    const def = routed(() => 'maybe', { yes: 'b', no: 'c' });
    const err = await catchAsyncError(planNext(def, [{ node: 'a' }], state(), {}));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toContain('"maybe"');
    expect(err.message).toContain('"a"');
  });

  test('a router naming an unknown node is an error naming that node and the router\'s node', async () => {
    const def = routed(() => 'ghost');
    const err = await catchAsyncError(planNext(def, [{ node: 'a' }], state(), {}));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.code).toBe('INVALID_UPDATE');
    expect(err.message).toContain('"ghost"');
    expect(err.message).toContain('"a"');
  });

  test('a router is not called when its node did not finish', async () => {
    let calls = 0;
    const def = graphWith((g) =>
      g.addEdge('a', 'b').addConditionalEdges('c', () => {
        calls++;
        return 'd';
      }),
    );
    await planNext(def, [{ node: 'a' }], state(), {});
    expect(calls).toBe(0);
  });
});

describe('planNext: Send fan-out', () => {
  const fanOut = (items: number[]) => items.map((n) => new Send('b', { n }));

  test('a router returning Sends plans one task per Send, each with its arg', async () => {
    const def = graphWith((g) => g.addConditionalEdges('a', (s: S) => fanOut(s.items)));
    const plan = await planNext(def, [{ node: 'a' }], state({ items: [1, 2, 3] }), {});
    expect(plan.tasks).toEqual([
      { node: 'b', arg: { n: 1 }, push: true },
      { node: 'b', arg: { n: 2 }, push: true },
      { node: 'b', arg: { n: 3 }, push: true },
    ]);
  });

  test('two Sends to the same node with the same arg are two tasks', async () => {
    const def = graphWith((g) => g.addConditionalEdges('a', () => [new Send('b', 1), new Send('b', 1)]));
    expect((await planNext(def, [{ node: 'a' }], state(), {})).tasks).toHaveLength(2);
  });

  test('a router returning no Sends plans nothing', async () => {
    const def = graphWith((g) => g.addConditionalEdges('a', () => []));
    expect((await planNext(def, [{ node: 'a' }], state(), {})).tasks).toEqual([]);
  });

  test('Sends bypass the path map', async () => {
    const def = graphWith((g) => g.addConditionalEdges('a', () => [new Send('c', 'x')], { other: 'b' }));
    expect((await planNext(def, [{ node: 'a' }], state(), {})).tasks).toEqual([{ node: 'c', arg: 'x', push: true }]);
  });

  test('edge-triggered tasks come before Send tasks in the plan', async () => {
    const def = graphWith((g) => g.addConditionalEdges('a', () => [new Send('b', 1)]).addEdge('a', 'c'));
    expect((await planNext(def, [{ node: 'a' }], state(), {})).tasks).toEqual([{ node: 'c' }, { node: 'b', arg: 1, push: true }]);
  });

  test('a Send to an unknown node is an error naming that node and the sender', async () => {
    const def = graphWith((g) => g.addConditionalEdges('a', () => [new Send('ghost', 1)]));
    const err = await catchAsyncError(planNext(def, [{ node: 'a' }], state(), {}));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toContain('"ghost"');
    expect(err.message).toContain('"a"');
  });
});

describe('planNext: Command goto', () => {
  const goto = (g: Command['goto']) => new Command({ goto: g }).goto;

  test('a Command goto runs the named node next', async () => {
    const def = graphWith((g) => g);
    expect(names(await planNext(def, [{ node: 'a', goto: goto('c') }], state(), {}))).toEqual(['c']);
  });

  test('a Command goto with a list runs every node in it', async () => {
    const def = graphWith((g) => g);
    expect(names(await planNext(def, [{ node: 'a', goto: goto(['d', 'b']) }], state(), {}))).toEqual(['d', 'b']);
  });

  test('a Command goto adds to the node\'s static edges, without running a node twice', async () => {
    const def = graphWith((g) => g.addEdge('a', 'b'));
    expect(names(await planNext(def, [{ node: 'a', goto: goto(['c', 'b']) }], state(), {}))).toEqual(['c', 'b']);
  });

  test('a Command goto END adds nothing', async () => {
    const def = graphWith((g) => g);
    expect((await planNext(def, [{ node: 'a', goto: goto(END) }], state(), {})).tasks).toEqual([]);
  });

  test('a Command goto with a Send plans a task with its arg', async () => {
    const def = graphWith((g) => g);
    const plan = await planNext(def, [{ node: 'a', goto: goto(new Send('e', { id: 7 })) }], state(), {});
    expect(plan.tasks).toEqual([{ node: 'e', arg: { id: 7 }, push: true }]);
  });

  test('a Command goto to an unknown node is an error naming that node and the node that returned it', async () => {
    const def = graphWith((g) => g);
    const err = await catchAsyncError(planNext(def, [{ node: 'a', goto: goto('nowhere') }], state(), {}));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toContain('"nowhere"');
    expect(err.message).toContain('"a"');
  });
});
