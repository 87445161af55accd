// Compiled graphs added as nodes (issue 8, item 1: the inline part).
import { Command } from '../../src';
import { startSemanticsTest } from '../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => {
  env = await startSemanticsTest();
});
afterAll(async () => {
  await env?.stop();
});

test('a compiled graph as a node, three levels deep: shared keys flow in and out, the innermost question is answered on the parent', async () => {
  const config = env.config(env.threadId('nested'));
  const graph = env.client.graph('nestedGraphs');
  const paused = await graph.invoke({}, config);
  expect(paused.__interrupt__).toEqual([{ id: expect.stringMatching(/^[0-9a-f]{32}$/), value: { question: 'Approve the draft?', draft: 'v1, polished' } }]);
  expect((await graph.getState(config)).next).toEqual(['child']);
  const done = await graph.invoke(new Command({ resume: 'approved' }), config);
  // `notes` is the reviewer's own key: it stays inside the subgraph.
  expect(done).toEqual({ draft: 'v1, polished', verdict: 'approved', done: true });
});

test('Send to a compiled graph node runs one subgraph per item, each question with its own id, answered together by id', async () => {
  const config = env.config(env.threadId('send-graph'));
  const graph = env.client.graph('sendToGraph');
  const paused = await graph.invoke({ drafts: ['a', 'b'] }, config);
  const asks = paused.__interrupt__!;
  expect(asks.map((i) => i.value)).toEqual([
    { question: 'Approve the draft?', draft: 'a' },
    { question: 'Approve the draft?', draft: 'b' },
  ]);
  expect(new Set(asks.map((i) => i.id)).size).toBe(2);
  const done = await graph.invoke(new Command({ resume: { [asks[0].id!]: 'yes a', [asks[1].id!]: 'yes b' } }), config);
  expect(done.verdict).toEqual(['yes a', 'yes b']);
});
