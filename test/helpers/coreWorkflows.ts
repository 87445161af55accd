// Graphs for the thread-core regression tests (test/e2e/threadCore.test.ts, continueAsNew.test.ts).
import { Annotation, END, graphWorkflow, interrupt, START, StateGraph } from '../../src/workflow';

/**
 * Grows its state by `chunkSize` characters per superstep until it holds `target` chunks, asking a
 * human every `askEvery` steps: large state through many steps, interrupts and continue-as-new.
 */
export const growingState = graphWorkflow(
  new StateGraph(
    Annotation.Root({
      chunks: Annotation<string[], string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
      chunkSize: Annotation<number>(),
      target: Annotation<number>(),
      askEvery: Annotation<number>(),
      answers: Annotation<unknown[], unknown[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
    }),
  )
    .addNode('grow', async (s) => {
      const n = s.chunks.length + 1;
      const answers = n % s.askEvery === 0 ? [await interrupt({ step: n })] : [];
      return { chunks: [String(n % 10).repeat(s.chunkSize)], answers };
    })
    .addEdge(START, 'grow')
    .addConditionalEdges('grow', (s) => (s.chunks.length >= s.target ? END : 'grow'))
    .compile(),
);

/** A node whose result breaks while being recorded (a getter that throws): stands in for a bug of ours. */
export const brokenResult = graphWorkflow(
  new StateGraph(Annotation.Root({ note: Annotation<string>() }))
    .addNode('odd', async () => ({
      get note(): string {
        throw new TypeError('a getter that throws while the thread records the result');
      },
    }))
    .addEdge(START, 'odd')
    .addEdge('odd', END)
    .compile(),
);

/** interrupt() inside a conditional edge's router (issue 8, item 5): the answer picks the route. */
export const askingRouter = graphWorkflow(
  new StateGraph(Annotation.Root({ plan: Annotation<string>(), took: Annotation<string>() }))
    .addNode('decide', async () => ({ plan: 'migrate the database' }))
    .addNode('fast', async () => ({ took: 'fast' }))
    .addNode('careful', async () => ({ took: 'careful' }))
    .addEdge(START, 'decide')
    .addConditionalEdges('decide', async (s) => ((await interrupt({ question: 'Which way?', plan: s.plan })) === 'fast' ? 'fast' : 'careful'), ['fast', 'careful'])
    .addEdge('fast', END)
    .addEdge('careful', END)
    .compile(),
);
