// A subgraph's own interruptBefore / interruptAfter (issue 8, item 1): they stop the parent with
// `next: ['child']` and an empty `__interrupt__`, and invoke(null) on the parent continues the
// subgraph where it stopped, running no node of it twice.
import { Command } from '../../src';
import { startSemanticsTest } from '../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => {
  env = await startSemanticsTest();
});
afterAll(async () => {
  await env?.stop();
});

/** The drafter's node runs counted by their activity, for one topic. */
const runsOf = (topic: string) => env.calls.filter((c) => c.endsWith(`:${topic}`));

test("a subgraph's interruptBefore stops the parent before the subgraph's node; invoke(null) runs it and the parent goes on", async () => {
  const config = env.config(env.threadId('child-before'));
  const graph = env.client.graph('childBreakpointBefore');
  const topic = config.configurable.thread_id;

  expect(await graph.invoke({ topic }, config)).toEqual({ topic, __interrupt__: [] });
  const state = await graph.getState(config, { subgraphs: true });
  expect(state).toMatchObject({ next: ['child'], status: 'interrupted', interrupts: [] });
  expect(state.tasks).toEqual([expect.objectContaining({ name: 'child', interrupts: [] })]);
  expect(state.tasks[0].state).toMatchObject({
    values: { topic, draft: `outline of ${topic}` },
    next: ['write'],
    tasks: [{ id: expect.any(String), name: 'write', interrupts: [] }],
    metadata: { source: 'loop', step: 1 },
    status: 'interrupted',
  });
  expect(runsOf(topic)).toEqual([`outline:${topic}`]);

  expect(await graph.invoke(null, config)).toEqual({ topic, draft: `outline of ${topic}, written`, published: true });
  expect(runsOf(topic)).toEqual([`outline:${topic}`, `write:${topic}`]);
  expect((await graph.getState(config)).status).toBe('idle');
});

test("a subgraph's interruptAfter stops the parent after the subgraph's node; invoke(null) goes on from there", async () => {
  const config = env.config(env.threadId('child-after'));
  const graph = env.client.graph('childBreakpointAfter');
  const topic = config.configurable.thread_id;

  expect(await graph.invoke({ topic }, config)).toEqual({ topic, __interrupt__: [] });
  const state = await graph.getState(config, { subgraphs: true });
  expect(state.next).toEqual(['child']);
  expect(state.tasks[0].state).toMatchObject({ values: { topic, draft: `outline of ${topic}` }, next: ['write'], metadata: { step: 1 } });

  expect(await graph.invoke(null, config)).toEqual({ topic, draft: `outline of ${topic}, written`, published: true });
  expect(runsOf(topic)).toEqual([`outline:${topic}`, `write:${topic}`]);
});

test('a plain answer at a subgraph breakpoint is refused (there is no question), and new input is refused while it holds', async () => {
  const config = env.config(env.threadId('child-before-refusals'));
  const graph = env.client.graph('childBreakpointBefore');
  const topic = config.configurable.thread_id;
  await graph.invoke({ topic }, config);
  await expect(graph.invoke(new Command({ resume: 'go' }), config)).rejects.toMatchObject({ code: 'NOTHING_TO_RESUME' });
  await expect(graph.invoke({ topic: 'other' }, config)).rejects.toMatchObject({ code: 'PENDING_INTERRUPT' });
  expect((await graph.getState(config, { subgraphs: true })).tasks[0].state?.next).toEqual(['write']);
});

test('updateState on the parent while a subgraph holds at its breakpoint keeps it held; invoke(null) then finishes it', async () => {
  const config = env.config(env.threadId('child-before-update'));
  const graph = env.client.graph('childBreakpointBefore');
  const topic = config.configurable.thread_id;
  await graph.invoke({ topic }, config);
  await graph.updateState(config, { published: false });
  const state = await graph.getState(config, { subgraphs: true });
  expect(state).toMatchObject({ next: ['child'], status: 'interrupted', values: { topic, published: false } });
  expect(state.tasks[0].state?.next).toEqual(['write']);
  expect(await graph.invoke(null, config)).toEqual({ topic, draft: `outline of ${topic}, written`, published: true });
});

test('dropping a subgraph held at its breakpoint (updateState as END) ends it; new input then runs it afresh', async () => {
  const config = env.config(env.threadId('child-before-drop'));
  const graph = env.client.graph('childBreakpointBefore');
  const topic = config.configurable.thread_id;
  await graph.invoke({ topic }, config);
  await graph.updateState(config, null, { asNode: '__end__' });
  expect(await graph.getState(config)).toMatchObject({ next: [], tasks: [], status: 'idle' });
  expect(await graph.invoke({ topic }, config)).toEqual({ topic, __interrupt__: [] });
  expect(await graph.invoke(null, config)).toEqual({ topic, draft: `outline of ${topic}, written`, published: true });
  // The dropped run never wrote: one write, two outlines (one per run).
  expect(runsOf(topic)).toEqual([`outline:${topic}`, `outline:${topic}`, `write:${topic}`]);
});

test("LangGraph.js's doubly nested graph interrupts: a grandchild's interruptBefore stops the root, invoke(null) finishes", async () => {
  const config = env.config(env.threadId('doubly-nested'));
  const graph = env.client.graph('doublyNestedBreakpoint');
  expect(await graph.invoke({ myKey: 'my value' }, config)).toEqual({ myKey: 'hi my value', __interrupt__: [] });
  const state = await graph.getState(config, { subgraphs: true });
  expect(state.next).toEqual(['child']);
  const child = state.tasks[0].state!;
  expect(child).toMatchObject({ next: ['child1'], values: { myKey: 'hi my value' }, status: 'interrupted' });
  expect(child.tasks[0].state).toMatchObject({ next: ['grandchild2'], values: { myKey: 'hi my value here' }, metadata: { step: 1 } });
  expect(await graph.invoke(null, config)).toEqual({ myKey: 'hi my value here and there and back again' });
});

describe.each([
  ['as a node', 'parallelChildBreakpoint'],
  ['called inside a node with its ctx', 'parallelChildBreakpointInNode'],
])("LangGraph.js's nested graph interrupts parallel, the subgraph %s", (_how, name) => {
  test('the sibling finishes and is kept while the subgraph holds; invoke(null) continues the subgraph and joins, the sibling not run again', async () => {
    const config = env.config(env.threadId('parallel'));
    const graph = env.client.graph(name);
    expect(await graph.invoke({ myKey: '' }, config)).toEqual({ myKey: ' and parallel', __interrupt__: [] });
    const state = await graph.getState(config, { subgraphs: true });
    expect(state.next).toEqual(['inner']);
    expect(state.tasks.map((t) => [t.name, t.result])).toEqual([['inner', undefined], ['outer1', { myKey: ' and parallel' }]]);
    expect(state.tasks[0].state).toMatchObject({ values: { myKey: 'got here', myOtherKey: '' }, next: ['inner2'] });
    expect(await graph.invoke(null, config)).toEqual({ myKey: 'got here and there and parallel and back again' });
  });

  test('with interruptAfter outer1 the parent stops again once the step with the subgraph is done', async () => {
    const config = { ...env.config(env.threadId('parallel-after')), interruptAfter: ['outer1'] };
    const graph = env.client.graph(name);
    expect(await graph.invoke({ myKey: '' }, config)).toEqual({ myKey: ' and parallel', __interrupt__: [] });
    expect(await graph.invoke(null, config)).toEqual({ myKey: 'got here and there and parallel', __interrupt__: [] });
    expect(await graph.invoke(null, config)).toEqual({ myKey: 'got here and there and parallel and back again' });
  });
});
