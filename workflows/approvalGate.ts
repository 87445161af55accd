import { proxyActivities } from '@temporalio/workflow';
import { Annotation, END, graphWorkflow, interrupt, START, StateGraph } from '../src/workflow';
import type { ShippedActivities } from '../activities';

const { deleteAccounts } = proxyActivities<ShippedActivities>({ startToCloseTimeout: '1 minute' });

const State = Annotation.Root({
  action: Annotation<string>(),
  approved: Annotation<boolean>(),
  log: Annotation<string[], string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});

/** plan -> approve (a human says yes or no) -> execute: the irreversible step runs only when approved. */
export const approvalGateGraph = new StateGraph(State)
  .addNode('plan', async () => ({ action: 'Delete 1,432 inactive user accounts' }))
  .addNode('approve', async (s) => {
    const decision = await interrupt<string>({ question: 'Approve this action?', planned_action: s.action });
    return { approved: decision === 'approve' };
  })
  .addNode('execute', async (s) => (s.approved ? { log: [await deleteAccounts({ description: s.action })] } : { log: ['rejected'] }))
  .addEdge(START, 'plan')
  .addEdge('plan', 'approve')
  .addEdge('approve', 'execute')
  .addEdge('execute', END)
  .compile();

export const approvalGate = graphWorkflow(approvalGateGraph);
