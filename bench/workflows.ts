// The benchmark's bundle: the shipped graphs, a loop graph and a bare Temporal baseline.
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';
import { Annotation, END, graphWorkflow, START, StateGraph } from '../src/workflow';

export * from '../workflows';

export const echo = defineUpdate<string, [string]>('echo');

/** Baseline: a workflow that answers one Update, with no graph around it. */
export async function bareUpdate(): Promise<void> {
  setHandler(echo, (text) => text);
  await condition(() => false);
}

/** Counts to `target`, one superstep per increment, no activities: the engine's own cost. */
export const loop = graphWorkflow(
  new StateGraph(Annotation.Root({ count: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }), target: Annotation<number>() }))
    .addNode('inc', async () => ({ count: 1 }))
    .addConditionalEdges('inc', (s) => (s.count >= s.target ? END : 'inc'))
    .addEdge(START, 'inc')
    .compile(),
);
