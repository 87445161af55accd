import { proxyActivities } from '@temporalio/workflow';
import { Annotation, END, getCurrentState, graphWorkflow, interrupt, START, StateGraph } from '../src/workflow';
import type { ShippedActivities } from '../activities';

const { applyChanges } = proxyActivities<ShippedActivities>({ startToCloseTimeout: '1 minute' });

const State = Annotation.Root({
  repo: Annotation<string>(),
  findings: Annotation<string[]>(),
  /** The proposed changes; a reviewer may correct them with updateState while the approval waits. */
  changes: Annotation<string[]>(),
  approved: Annotation<boolean>(),
  /** The list the reviewer approved: what apply applies. */
  approvedChanges: Annotation<string[]>(),
  result: Annotation<string>(),
});

/** analyze -> propose -> approve (a human, who may correct the list first) -> apply. */
export const prReviewGraph = new StateGraph(State)
  .addNode('analyze', async (s) => ({
    findings: [`${s.repo}: parseConfig has no tests`, `${s.repo}: src/index.ts imports lodash but never uses it`],
  }))
  .addNode('propose', async () => ({ changes: ['Add unit tests for parseConfig', 'Remove the unused lodash import'] }))
  .addNode('approve', async (s) => {
    const decision = await interrupt<string>({ question: 'Apply these changes?', repo: s.repo, changes: s.changes });
    // `s` is the state when the step began: a correction made while waiting is only in the current state.
    const { changes } = getCurrentState<typeof State.State>();
    return { approved: decision === 'approve', approvedChanges: decision === 'approve' ? changes : [] };
  })
  .addNode('apply', async (s) =>
    s.approved ? { result: await applyChanges({ repo: s.repo, changes: s.approvedChanges }) } : { result: 'rejected: nothing applied' },
  )
  .addEdge(START, 'analyze')
  .addEdge('analyze', 'propose')
  .addEdge('propose', 'approve')
  .addEdge('approve', 'apply')
  .addEdge('apply', END)
  .compile();

export const prReview = graphWorkflow(prReviewGraph);
