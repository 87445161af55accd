// Compiled graphs as nodes (issue 8, item 1): questions asked inside them, nesting, Send, updateState
// while one waits, and their snapshots under their tasks.
import { Command } from '../../src';
import { startSemanticsTest } from '../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => {
  env = await startSemanticsTest();
});
afterAll(async () => {
  await env?.stop();
});

const ID = expect.stringMatching(/^[0-9a-f]{32}$/);

test('a compiled graph as a node, three levels deep: shared keys flow in and out, the innermost question is answered on the parent', async () => {
  const config = env.config(env.threadId('nested'));
  const graph = env.client.graph('nestedGraphs');
  const paused = await graph.invoke({}, config);
  expect(paused.__interrupt__).toEqual([{ id: ID, value: { question: 'Approve the draft?', draft: 'v1, polished' } }]);
  expect((await graph.getState(config)).next).toEqual(['child']);
  const done = await graph.invoke(new Command({ resume: 'approved' }), config);
  // `notes` is the reviewer's own key: it stays inside the subgraph.
  expect(done).toEqual({ draft: 'v1, polished', verdict: 'approved', done: true });
});

test('getState with subgraphs shows each level under its task: values, next, and the innermost question with the id the root shows', async () => {
  const config = env.config(env.threadId('nested-state'));
  const graph = env.client.graph('nestedGraphs');
  const asked = (await graph.invoke({}, config)).__interrupt__!;

  const plain = await graph.getState(config);
  expect(plain.tasks).toMatchObject([{ id: ID, name: 'child', interrupts: asked }]);

  const root = await graph.getState(config, { subgraphs: true });
  expect(root.next).toEqual(['child']);
  const child = root.tasks[0].state!;
  expect(child).toMatchObject({
    values: { draft: 'v1, polished' },
    next: ['inner'],
    interrupts: asked,
    metadata: { source: 'loop', step: 1 },
    status: 'interrupted',
    config: { configurable: { thread_id: config.configurable.thread_id, checkpoint_ns: `child:${root.tasks[0].id}` } },
  });
  expect(child.tasks).toMatchObject([{ id: ID, name: 'inner', interrupts: asked, state: expect.any(Object) }]);
  const reviewer = child.tasks[0].state!;
  expect(reviewer).toMatchObject({ values: { draft: 'v1, polished' }, next: ['review'], interrupts: asked, metadata: { source: 'loop', step: 0 } });
  expect(reviewer.config.configurable.checkpoint_ns).toBe(`child:${root.tasks[0].id}|inner:${child.tasks[0].id}`);
  expect(reviewer.tasks).toMatchObject([{ id: ID, name: 'review', interrupts: asked }]);
  // A subgraph has no checkpoints of its own: its config is refused, before anything is sent.
  await expect(graph.getState(child.config)).rejects.toMatchObject({ code: 'INVALID_COMMAND' });
  await expect(graph.updateState(child.config, { draft: 'x' })).rejects.toMatchObject({ code: 'INVALID_COMMAND' });

  await graph.invoke(new Command({ resume: 'approved' }), config);
  const after = await graph.getState(config, { subgraphs: true });
  expect(after.tasks).toEqual([]);
  expect(after.values).toEqual({ draft: 'v1, polished', verdict: 'approved', done: true });
});

test('Send to a compiled graph node gives each subgraph the Send argument narrowed to its keys, each question with its own id, answered together by id', async () => {
  const config = env.config(env.threadId('send-graph'));
  const graph = env.client.graph('sendToGraph');
  const paused = await graph.invoke({ drafts: ['a', 'b'] }, config);
  const asks = paused.__interrupt__!;
  expect(asks.map((i) => i.value)).toEqual([
    { question: 'Approve the draft?', draft: 'a' },
    { question: 'Approve the draft?', draft: 'b' },
  ]);
  expect(new Set(asks.map((i) => i.id)).size).toBe(2);

  const state = await graph.getState(config, { subgraphs: true });
  expect(state.next).toEqual(['review', 'review']);
  // The Send's `priority` is not a key of the reviewer: its input has only `draft`.
  expect(state.tasks.map((t) => t.state?.values)).toEqual([{ draft: 'a' }, { draft: 'b' }]);
  expect(state.tasks.map((t) => t.state?.interrupts)).toMatchObject([[asks[0]], [asks[1]]]);

  const done = await graph.invoke(new Command({ resume: { [asks[0].id!]: 'yes a', [asks[1].id!]: 'yes b' } }), config);
  expect(done.verdict).toEqual(['yes a', 'yes b']);
});

test('updateState on the parent while a subgraph waits keeps its question pending with the same id, and the answer still completes it', async () => {
  const config = env.config(env.threadId('update-while-child-waits'));
  const graph = env.client.graph('reviewedDraft');
  const [asked] = (await graph.invoke({}, config)).__interrupt__!;

  await graph.updateState(config, { note: 'edited while the reviewer waits' });
  const state = await graph.getState(config, { subgraphs: true });
  expect(state.values).toEqual({ draft: 'v1', note: 'edited while the reviewer waits' });
  expect(state.next).toEqual(['child']);
  expect(state.interrupts).toMatchObject([asked]);
  expect(state.tasks[0].state).toMatchObject({ next: ['review'], interrupts: [asked] });

  const done = await graph.invoke(new Command({ resume: 'approved' }), config);
  expect(done).toEqual({ draft: 'v1', verdict: 'approved', note: 'edited while the reviewer waits' });
});
