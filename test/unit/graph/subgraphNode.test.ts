import { Annotation, END, Send, START, StateGraph } from '../../../src/workflow';

const child = new StateGraph(Annotation.Root({ text: Annotation<string>(), own: Annotation<string>() }))
  .addNode('shout', async (s) => ({ text: s.text.toUpperCase(), own: 'child only' }))
  .addEdge(START, 'shout')
  .addEdge('shout', END)
  .compile();

test('a compiled graph as a node reads the shared keys and writes back only those', async () => {
  const parent = new StateGraph(Annotation.Root({ text: Annotation<string>(), other: Annotation<number>() }))
    .addNode('child', child)
    .addEdge(START, 'child')
    .addEdge('child', END)
    .compile();
  expect(await parent.invoke({ text: 'hi', other: 1 })).toEqual({ text: 'HI', other: 1 });
});

test('a Send to a compiled graph node gives the child the argument, narrowed to its keys', async () => {
  const parent = new StateGraph(Annotation.Root({ words: Annotation<string[]>(), text: Annotation<string[], string>({ reducer: (a, b) => a.concat(b), default: () => [] }) }))
    .addNode('fan', async () => ({}))
    .addNode('child', child)
    .addEdge(START, 'fan')
    .addConditionalEdges('fan', (s) => s.words.map((w) => new Send('child', { text: w, ignored: true })))
    .addEdge('child', END)
    .compile();
  expect(await parent.invoke({ words: ['a', 'b'] })).toEqual({ words: ['a', 'b'], text: ['A', 'B'] });
});
