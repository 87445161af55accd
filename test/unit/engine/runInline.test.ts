import { Annotation } from '../../../src/graph/annotation';
import { Command, Send } from '../../../src/engine/command';
import { END, START } from '../../../src/engine/constants';
import { GraphRecursionError, InvalidUpdateError } from '../../../src/engine/errors';
import { StateGraph } from '../../../src/graph/stateGraph';
import type { SubgraphHost, SubgraphProgress } from '../../../src/engine/subgraphHost';
import type { NodeContext } from '../../../src/engine/types';
import { catchAsyncError } from '../graph/catchError';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const append = <T>(a: T[], b: T | T[]) => a.concat(b);

const LogState = Annotation.Root({
  topic: Annotation<string>(),
  log: Annotation<string[], string | string[]>({ reducer: append, default: () => [] }),
});

describe('running a compiled graph inline', () => {
  test('nodes run along the edges and the final state is returned', async () => {
    const graph = new StateGraph(LogState)
      .addNode('first', () => ({ log: 'first' }))
      .addNode('second', (s) => ({ log: `second saw ${s.log.join(',')}` }))
      .addEdge(START, 'first')
      .addEdge('first', 'second')
      .addEdge('second', END)
      .compile();
    expect(await graph.invoke({ topic: 'x' })).toEqual({ topic: 'x', log: ['first', 'second saw first'] });
  });

  test('the input is applied through the reducers on top of the defaults', async () => {
    const graph = new StateGraph(LogState)
      .addNode('only', () => ({ log: 'node' }))
      .addEdge(START, 'only')
      .compile();
    expect(await graph.invoke({ log: ['input'] })).toEqual({ topic: undefined, log: ['input', 'node'] });
  });

  test('an input key the state does not declare is refused', async () => {
    const graph = new StateGraph(LogState).addNode('only', () => ({})).addEdge(START, 'only').compile();
    const err = await catchAsyncError(graph.invoke({ nope: 1 }));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toContain('"nope"');
  });

  test('a map-reduce with Send runs one worker per item and merges their results through the reducer', async () => {
    const State = Annotation.Root({
      subjects: Annotation<string[]>(),
      jokes: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
      best: Annotation<string>(),
    });
    let workerRuns = 0;
    let reduceRuns = 0;
    const graph = new StateGraph(State)
      .addNode('plan', () => ({}))
      .addNode('joke', async (arg) => {
        const { subject, delay } = arg as unknown as { subject: string; delay: number };
        workerRuns++;
        await sleep(delay); // later Sends finish first: the merge must not follow finishing order
        return { jokes: [`a joke about ${subject}`] };
      })
      .addNode('pick', (s) => {
        reduceRuns++;
        return { best: s.jokes[s.jokes.length - 1] };
      })
      .addEdge(START, 'plan')
      .addConditionalEdges('plan', (s) => s.subjects.map((subject, i) => new Send('joke', { subject, delay: (s.subjects.length - i) * 5 })))
      .addEdge('joke', 'pick')
      .addEdge('pick', END)
      .compile();

    const out = await graph.invoke({ subjects: ['cats', 'dogs', 'owls'] });
    expect(out.jokes).toEqual(['a joke about cats', 'a joke about dogs', 'a joke about owls']);
    expect(workerRuns).toBe(3);
    expect(reduceRuns).toBe(1);
    expect(out.best).toBe('a joke about owls');
  });

  test('a Send task receives its arg instead of the state', async () => {
    const received: unknown[] = [];
    const graph = new StateGraph(LogState)
      .addNode('fan', () => ({}))
      .addNode('worker', (arg) => {
        received.push(arg);
        return {};
      })
      .addEdge(START, 'fan')
      .addConditionalEdges('fan', () => [new Send('worker', { only: 'this' })])
      .compile();
    await graph.invoke({});
    expect(received).toEqual([{ only: 'this' }]);
  });

  test('a loop that never stops ends with GraphRecursionError (code RECURSION_LIMIT) at the limit', async () => {
    let runs = 0;
    const graph = new StateGraph(LogState)
      .addNode('spin', () => {
        runs++;
        return { log: 'again' };
      })
      .addEdge(START, 'spin')
      .addEdge('spin', 'spin')
      .compile();
    const err = await catchAsyncError(graph.invoke({}, undefined, { recursionLimit: 4 }));
    expect(err).toBeInstanceOf(GraphRecursionError);
    expect(err.code).toBe('RECURSION_LIMIT');
    expect(err.message).toContain('4');
    expect(runs).toBe(4);
  });

  test('a loop that finishes in exactly as many steps as the limit succeeds', async () => {
    const State = Annotation.Root({ n: Annotation<number>({ default: () => 0 }) });
    const graph = new StateGraph(State)
      .addNode('count', (s) => ({ n: s.n + 1 }))
      .addEdge(START, 'count')
      .addConditionalEdges('count', (s) => (s.n < 3 ? 'count' : END))
      .compile();
    expect(await graph.invoke({}, undefined, { recursionLimit: 3 })).toEqual({ n: 3 });
    await expect(graph.invoke({}, undefined, { recursionLimit: 2 })).rejects.toBeInstanceOf(GraphRecursionError);
  });

  test('the default recursion limit is 25 steps', async () => {
    const State = Annotation.Root({ n: Annotation<number>({ default: () => 0 }) });
    const loop = (stopAt: number) =>
      new StateGraph(State)
        .addNode('count', (s) => ({ n: s.n + 1 }))
        .addEdge(START, 'count')
        .addConditionalEdges('count', (s) => (s.n < stopAt ? 'count' : END))
        .compile();
    expect(await loop(25).invoke({})).toEqual({ n: 25 });
    await expect(loop(26).invoke({})).rejects.toBeInstanceOf(GraphRecursionError);
  });

  test('parallel writes are merged in plan order, not in the order the nodes finish', async () => {
    const run = async (slow: 'left' | 'right') => {
      const graph = new StateGraph(LogState)
        .addNode('fork', () => ({}))
        .addNode('left', async () => {
          await sleep(slow === 'left' ? 20 : 0);
          return { log: 'left' };
        })
        .addNode('right', async () => {
          await sleep(slow === 'right' ? 20 : 0);
          return { log: 'right' };
        })
        .addEdge(START, 'fork')
        .addEdge('fork', 'left')
        .addEdge('fork', 'right')
        .compile();
      return (await graph.invoke({})).log;
    };
    expect(await run('left')).toEqual(['left', 'right']);
    expect(await run('right')).toEqual(['left', 'right']);
  });

  test('plan order is the order the edges were added, not the alphabetical order of the nodes', async () => {
    const graph = new StateGraph(LogState)
      .addNode('fork', () => ({}))
      .addNode('zebra', () => ({ log: 'zebra' }))
      .addNode('apple', () => ({ log: 'apple' }))
      .addEdge(START, 'fork')
      .addEdge('fork', 'zebra')
      .addEdge('fork', 'apple')
      .compile();
    expect((await graph.invoke({})).log).toEqual(['zebra', 'apple']);
  });

  test('Send tasks write after the edge-triggered tasks of the same step, in Send order', async () => {
    const graph = new StateGraph(LogState)
      .addNode('fork', () => ({}))
      .addNode('edge', async () => {
        await sleep(10);
        return { log: 'edge' };
      })
      .addNode('sent', (arg) => ({ log: `sent ${JSON.stringify(arg)}` }))
      .addEdge(START, 'fork')
      .addConditionalEdges('fork', () => [new Send('sent', 1), new Send('sent', 2)])
      .addEdge('fork', 'edge')
      .compile();
    expect((await graph.invoke({})).log).toEqual(['edge', 'sent 1', 'sent 2']);
  });

  test('parallel nodes writing one last-value key fail the run, naming the key and both nodes', async () => {
    const graph = new StateGraph(LogState)
      .addNode('fork', () => ({}))
      .addNode('left', () => ({ topic: 'l' }))
      .addNode('right', () => ({ topic: 'r' }))
      .addEdge(START, 'fork')
      .addEdge('fork', 'left')
      .addEdge('fork', 'right')
      .compile();
    const err = await catchAsyncError(graph.invoke({}));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toContain('"topic"');
    expect(err.message).toContain('left');
    expect(err.message).toContain('right');
  });

  test('a join node runs once, after both branches of different lengths have finished', async () => {
    const graph = new StateGraph(LogState)
      .addNode('fork', () => ({}))
      .addNode('short', () => ({ log: 'short' }))
      .addNode('long1', () => ({ log: 'long1' }))
      .addNode('long2', () => ({ log: 'long2' }))
      .addNode('join', () => ({ log: 'join' }))
      .addEdge(START, 'fork')
      .addEdge('fork', 'short')
      .addEdge('fork', 'long1')
      .addEdge('long1', 'long2')
      .addEdge(['short', 'long2'], 'join')
      .compile();
    expect((await graph.invoke({})).log).toEqual(['short', 'long1', 'long2', 'join']);
  });

  test('a node returning a Command writes its update and goes where it says', async () => {
    const graph = new StateGraph(LogState)
      .addNode('decide', () => new Command({ update: { topic: 'chosen' }, goto: 'yes' }), { ends: ['yes', 'no'] })
      .addNode('yes', () => ({ log: 'yes' }))
      .addNode('no', () => ({ log: 'no' }))
      .addEdge(START, 'decide')
      .compile();
    expect(await graph.invoke({})).toEqual({ topic: 'chosen', log: ['yes'] });
  });

  test('each node gets its name, the step, and the caller\'s thread id and writer', async () => {
    const contexts: Array<Pick<NodeContext, 'node' | 'step' | 'threadId'>> = [];
    const events: unknown[] = [];
    const record = (ctx: NodeContext) => {
      contexts.push({ node: ctx.node, step: ctx.step, threadId: ctx.threadId });
      ctx.writer(`hello from ${ctx.node}`);
      return {};
    };
    const graph = new StateGraph(LogState)
      .addNode('a', (_s, ctx) => record(ctx))
      .addNode('b', (_s, ctx) => record(ctx))
      .addEdge(START, 'a')
      .addEdge('a', 'b')
      .compile();
    await graph.invoke({}, { threadId: 'thread-7', writer: (chunk) => events.push(chunk) });
    expect(contexts).toEqual([
      { node: 'a', step: 0, threadId: 'thread-7' },
      { node: 'b', step: 1, threadId: 'thread-7' },
    ]);
    expect(events).toEqual(['hello from a', 'hello from b']);
  });

  test("a subgraph's nodes stream messages as the calling task: its streamsMessages, metadata and emitMessage", async () => {
    const metadata = { thread_id: 't', langgraph_node: 'parent', langgraph_step: 2, langgraph_triggers: ['branch:to:parent'], langgraph_checkpoint_ns: 'parent:1' };
    const emitted: unknown[] = [];
    const seen: unknown[] = [];
    const graph = new StateGraph(LogState)
      .addNode('model', (_s, ctx) => {
        seen.push([ctx.streamsMessages, ctx.messageMetadata]);
        ctx.emitMessage({ type: 'AIMessageChunk', id: 'c1', content: 'hi' });
        return {};
      })
      .addEdge(START, 'model')
      .compile();
    const parent = {
      threadId: 't',
      writer: () => undefined,
      streamsMessages: true,
      messageMetadata: metadata,
      emitMessage: (m: unknown) => emitted.push(m),
    };
    await graph.invoke({}, parent);
    expect(seen).toEqual([[true, metadata]]);
    expect(emitted).toEqual([{ type: 'AIMessageChunk', id: 'c1', content: 'hi' }]);
    // Run alone, nothing streams and nothing is emitted anywhere.
    seen.length = 0;
    await graph.invoke({});
    expect(seen).toEqual([[false, expect.objectContaining({ langgraph_node: 'model' })]]);
  });

  test('a node that throws fails the run with its own error', async () => {
    const boom = new Error('tool exploded');
    const graph = new StateGraph(LogState)
      .addNode('bad', () => {
        throw boom;
      })
      .addEdge(START, 'bad')
      .compile();
    await expect(graph.invoke({})).rejects.toBe(boom);
  });

  test('a compiled graph can be called from inside a node of another graph', async () => {
    const Inner = Annotation.Root({ text: Annotation<string>() });
    const inner = new StateGraph(Inner)
      .addNode('shout', (s) => ({ text: s.text.toUpperCase() }))
      .addEdge(START, 'shout')
      .compile();
    const outer = new StateGraph(LogState)
      .addNode('call', async (s, ctx) => ({ log: (await inner.invoke({ text: s.topic }, ctx)).text }))
      .addEdge(START, 'call')
      .compile();
    expect((await outer.invoke({ topic: 'quiet' })).log).toEqual(['QUIET']);
  });
});

/** A host as a thread would be: records reports (with the path of the host), releases breakpoints on demand. */
function recordingHost(path = 'root', log: Array<{ at: string; progress: SubgraphProgress }> = [], held: Array<() => void> = []) {
  const host: SubgraphHost = {
    report: (progress) => log.push({ at: path, progress: structuredClone(progress) }),
    runTask: (step, index, node, run) => run(recordingHost(`${path}/${step}.${index}.${node}`, log, held).host),
    breakpointReleased: () => new Promise<void>((resolve) => held.push(resolve)),
  };
  /** Waits until the run stops at a breakpoint, then lets it go on. */
  const release = async () => {
    while (!held.length) await sleep(1);
    held.shift()!();
  };
  return { host, log, release, held };
}

describe('running a compiled graph inline under a thread host', () => {
  const Draft = Annotation.Root({ draft: Annotation<string>() });
  const drafter = new StateGraph(Draft)
    .addNode('outline', (s) => ({ draft: `${s.draft} outlined` }))
    .addNode('write', (s) => ({ draft: `${s.draft}, written` }))
    .addEdge(START, 'outline')
    .addEdge('outline', 'write');
  const ctx = (host: SubgraphHost) => ({ threadId: 't', writer: () => undefined, subgraphHost: host });

  test('it reports each step as planned, each task as it finishes, and its end', async () => {
    const { host, log } = recordingHost();
    expect(await drafter.compile().invoke({ draft: 'd' }, ctx(host))).toEqual({ draft: 'd outlined, written' });
    expect(log.map((l) => l.progress)).toEqual([
      { step: 0, values: { draft: 'd' }, tasks: [{ node: 'outline' }] },
      { step: 0, values: { draft: 'd outlined' }, tasks: [{ node: 'outline', result: { draft: 'd outlined' } }] },
      { step: 1, values: { draft: 'd outlined' }, tasks: [{ node: 'write' }] },
      { step: 1, values: { draft: 'd outlined, written' }, tasks: [{ node: 'write', result: { draft: 'd outlined, written' } }] },
      { step: 2, values: { draft: 'd outlined, written' }, tasks: [] },
    ]);
  });

  test('interruptBefore stops before the node until the host releases it, then the node runs once', async () => {
    const ran: string[] = [];
    const graph = new StateGraph(Draft)
      .addNode('outline', () => (ran.push('outline'), { draft: 'o' }))
      .addNode('write', () => (ran.push('write'), { draft: 'w' }))
      .addEdge(START, 'outline')
      .addEdge('outline', 'write')
      .compile({ interruptBefore: ['write'] });
    const { host, log, release, held } = recordingHost();
    const done = graph.invoke({}, ctx(host));
    while (!held.length) await sleep(1);
    expect(log.at(-1)!.progress).toEqual({ step: 1, values: { draft: 'o' }, tasks: [{ node: 'write' }], breakpoint: 'before' });
    expect(ran).toEqual(['outline']);
    await release();
    expect(await done).toEqual({ draft: 'w' });
    expect(ran).toEqual(['outline', 'write']);
  });

  test('interruptAfter stops after the node with the state it wrote and what comes next, also when nothing does', async () => {
    const { host, log, release } = recordingHost();
    const done = drafter.compile({ interruptAfter: ['outline', 'write'] }).invoke({ draft: 'd' }, ctx(host));
    await release();
    expect(log.at(-1)!.progress).toEqual({ step: 1, values: { draft: 'd outlined' }, tasks: [{ node: 'write' }], breakpoint: 'after' });
    await release();
    expect(log.at(-1)!.progress).toEqual({ step: 2, values: { draft: 'd outlined, written' }, tasks: [], breakpoint: 'after' });
    expect(await done).toEqual({ draft: 'd outlined, written' });
  });

  test("a subgraph inside a subgraph's node reports to the host of that node's task", async () => {
    const outer = new StateGraph(Draft).addNode('inner', drafter.compile()).addEdge(START, 'inner').compile();
    const { host, log } = recordingHost();
    await outer.invoke({ draft: 'd' }, ctx(host));
    expect([...new Set(log.map((l) => l.at))]).toEqual(['root', 'root/0.0.inner']);
    expect(log.filter((l) => l.at === 'root/0.0.inner').at(-1)!.progress).toEqual({ step: 2, values: { draft: 'd outlined, written' }, tasks: [] });
  });

  test('without a host (outside a thread) its breakpoints are ignored', async () => {
    expect(await drafter.compile({ interruptBefore: ['write'] }).invoke({ draft: 'd' })).toEqual({ draft: 'd outlined, written' });
  });
});
