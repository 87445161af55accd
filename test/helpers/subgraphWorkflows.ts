// Graphs for the compiled-graphs-as-nodes tests (test/e2e/subgraphNodes.test.ts, subgraphBreakpoints.test.ts).
import { proxyActivities } from '@temporalio/workflow';
import { Annotation, CompiledGraph, END, graphWorkflow, interrupt, Send, START, StateGraph } from '../../src/workflow';
import type { SemanticsActivities } from './semanticsActivities';

const probes = proxyActivities<SemanticsActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 1 } });

// ---- a subgraph asking a question, nested and fanned out ---------------------------------------

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
    .addConditionalEdges('fan', (s) => s.drafts.map((draft) => new Send('review', { draft, priority: 'high' })))
    .addEdge('review', END)
    .compile(),
);

/** A parent with a key of its own (`note`) around the reviewer: for updateState while the reviewer waits. */
export const reviewedDraft = graphWorkflow(
  new StateGraph(Annotation.Root({ draft: Annotation<string>(), verdict: Annotation<string>(), note: Annotation<string>() }))
    .addNode('write', async () => ({ draft: 'v1' }))
    .addNode('child', reviewer)
    .addEdge(START, 'write')
    .addEdge('write', 'child')
    .addEdge('child', END)
    .compile(),
);

// ---- a subgraph's own breakpoints ---------------------------------------------------------------

const Drafting = Annotation.Root({ topic: Annotation<string>(), draft: Annotation<string>() });

/** Outline then write, each counted by an activity (`outline:<topic>`, `write:<topic>`). */
const drafter = new StateGraph(Drafting)
  .addNode('outline', async (s) => {
    await probes.touch(`outline:${s.topic}`);
    return { draft: `outline of ${s.topic}` };
  })
  .addNode('write', async (s) => {
    await probes.touch(`write:${s.topic}`);
    return { draft: `${s.draft}, written` };
  })
  .addEdge(START, 'outline')
  .addEdge('outline', 'write')
  .addEdge('write', END);

function publishing(child: CompiledGraph) {
  return new StateGraph(Annotation.Root({ topic: Annotation<string>(), draft: Annotation<string>(), published: Annotation<boolean>() }))
    .addNode('child', child)
    .addNode('publish', async () => ({ published: true }))
    .addEdge(START, 'child')
    .addEdge('child', 'publish')
    .addEdge('publish', END)
    .compile();
}

/** The drafter compiled with `interruptBefore: ['write']`, as the parent's `child` node. */
export const childBreakpointBefore = graphWorkflow(publishing(drafter.compile({ interruptBefore: ['write'] })));

/** The drafter compiled with `interruptAfter: ['outline']`, as the parent's `child` node. */
export const childBreakpointAfter = graphWorkflow(publishing(drafter.compile({ interruptAfter: ['outline'] })));

// LangGraph.js's "doubly nested graph interrupts" (libs/langgraph-core/src/tests/pregel.test.ts): a
// grandchild compiled with interruptBefore stops the root.
const MyKey = Annotation.Root({ myKey: Annotation<string>() });
const grandchild = new StateGraph(MyKey)
  .addNode('grandchild1', async (s) => ({ myKey: `${s.myKey} here` }))
  .addNode('grandchild2', async (s) => ({ myKey: `${s.myKey} and there` }))
  .addEdge(START, 'grandchild1')
  .addEdge('grandchild1', 'grandchild2')
  .compile({ interruptBefore: ['grandchild2'] });

/** parent1 → child (child1 = the grandchild) → parent2. */
export const doublyNestedBreakpoint = graphWorkflow(
  new StateGraph(MyKey)
    .addNode('parent1', async (s) => ({ myKey: `hi ${s.myKey}` }))
    .addNode('child', new StateGraph(MyKey).addNode('child1', grandchild).addEdge(START, 'child1').compile())
    .addNode('parent2', async (s) => ({ myKey: `${s.myKey} and back again` }))
    .addEdge(START, 'parent1')
    .addEdge('parent1', 'child')
    .addEdge('child', 'parent2')
    .compile(),
);

// LangGraph.js's "nested graph interrupts parallel": a subgraph stopping at its interruptBefore while
// a sibling finishes in the same step; as a node and called inside a node (with the node's ctx).
const concat = Annotation<string>({ reducer: (a, b) => a + b, default: () => '' });
const innerParallel = new StateGraph(Annotation.Root({ myKey: concat, myOtherKey: Annotation<string>() }))
  .addNode('inner1', async (s) => ({ myKey: 'got here', myOtherKey: s.myKey }))
  .addNode('inner2', async (s) => ({ myKey: ' and there', myOtherKey: s.myKey }))
  .addEdge(START, 'inner1')
  .addEdge('inner1', 'inner2')
  .compile({ interruptBefore: ['inner2'] });

const MyConcat = Annotation.Root({ myKey: concat });

/** inner and outer1 from START, then outer2 once both are done. */
function besideOuter1(withInner: StateGraph<typeof MyConcat.spec>) {
  return withInner
    .addNode('outer1', async () => ({ myKey: ' and parallel' }))
    .addNode('outer2', async () => ({ myKey: ' and back again' }))
    .addEdge(START, 'inner')
    .addEdge(START, 'outer1')
    .addEdge(['inner', 'outer1'], 'outer2')
    .compile();
}

export const parallelChildBreakpoint = graphWorkflow(besideOuter1(new StateGraph(MyConcat).addNode('inner', innerParallel)));
export const parallelChildBreakpointInNode = graphWorkflow(
  besideOuter1(new StateGraph(MyConcat).addNode('inner', async (s, ctx) => ({ myKey: (await innerParallel.invoke(s, ctx)).myKey }))),
);
