// Graphs for the thread-core regression tests (test/e2e/threadCore.test.ts, continueAsNew.test.ts).
import { Annotation, END, graphWorkflow, interrupt, Send, START, StateGraph } from '../../src/workflow';

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

// ---- compiled graphs as nodes (issue 8, item 1) --------------------------------------------------

const reviewer = new StateGraph(Annotation.Root({ draft: Annotation<string>(), verdict: Annotation<string>(), notes: Annotation<string>() }))
  .addNode('review', async (s) => ({ verdict: String(await interrupt({ question: 'Approve the draft?', draft: s.draft })), notes: 'child only' }))
  .addEdge(START, 'review')
  .addEdge('review', END)
  .compile();

const middle = new StateGraph(Annotation.Root({ draft: Annotation<string>(), verdict: Annotation<string>() }))
  .addNode('polish', async (s) => ({ draft: `${s.draft}, polished` }))
  .addNode('inner', reviewer)
  .addEdge(START, 'polish')
  .addEdge('polish', 'inner')
  .addEdge('inner', END)
  .compile();

/** Three levels: parent → middle (a compiled graph node) → reviewer, whose question surfaces on the parent. */
export const nestedGraphs = graphWorkflow(
  new StateGraph(Annotation.Root({ draft: Annotation<string>(), verdict: Annotation<string>(), done: Annotation<boolean>() }))
    .addNode('write', async () => ({ draft: 'v1' }))
    .addNode('child', middle)
    .addNode('finish', async (s) => ({ done: s.verdict === 'approved' }))
    .addEdge(START, 'write')
    .addEdge('write', 'child')
    .addEdge('child', 'finish')
    .addEdge('finish', END)
    .compile(),
);

/** Send to a compiled graph node: one reviewer per draft, each with its own question. */
export const sendToGraph = graphWorkflow(
  new StateGraph(
    Annotation.Root({
      drafts: Annotation<string[]>(),
      verdict: Annotation<string[], string>({ reducer: (a, b) => a.concat(b), default: () => [] }),
    }),
  )
    .addNode('fan', async () => ({}))
    .addNode('review', reviewer)
    .addEdge(START, 'fan')
    .addConditionalEdges('fan', (s) => s.drafts.map((draft) => new Send('review', { draft })))
    .addEdge('review', END)
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
