// The durable-graph side of the bench: the shipped approval gate and three small graphs, each the
// twin of a raw workflow in rawWorkflows.ts. No agent is exported, so the bundle shows what a plain
// graph costs.
import { proxyLocalActivities } from '@temporalio/workflow';
import { Annotation, END, graphWorkflow, interrupt, START, StateGraph } from '../src/workflow';
import type { BenchActivities } from './shared';

export { approvalGate } from '../workflows/approvalGate';

const { tick } = proxyLocalActivities<BenchActivities>({ startToCloseTimeout: '10 seconds' });

/** One node asking three questions in a row. */
export const askThrice = graphWorkflow(
  new StateGraph(Annotation.Root({ answers: Annotation<string[]>() }))
    .addNode('ask', async () => {
      const answers: string[] = [];
      for (const question of ['first?', 'second?', 'third?']) answers.push(await interrupt<string>({ question }));
      return { answers };
    })
    .addEdge(START, 'ask')
    .addEdge('ask', END)
    .compile(),
);

const Counter = Annotation.Root({ count: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }), target: Annotation<number>() });
const untilTarget = (s: { count: number; target: number }) => (s.count >= s.target ? END : 'step');

/** Counts to `target`, one superstep per increment, nothing else: the engine's own cost per step. */
export const pureSteps = graphWorkflow(
  new StateGraph(Counter).addNode('step', async () => ({ count: 1 })).addConditionalEdges('step', untilTarget).addEdge(START, 'step').compile(),
);

/** Counts to `target`, one superstep per increment, each calling one local activity. */
export const activitySteps = graphWorkflow(
  new StateGraph(Counter)
    .addNode('step', async (s) => ({ count: (await tick(s.count)) - s.count }))
    .addConditionalEdges('step', untilTarget)
    .addEdge(START, 'step')
    .compile(),
);
