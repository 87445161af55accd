import { proxyActivities } from '@temporalio/workflow';
import { Annotation, Command, END, graphWorkflow, interrupt, START, StateGraph } from '../src/workflow';
import type { ShippedActivities } from '../activities';

const { executeAction } = proxyActivities<ShippedActivities>({ startToCloseTimeout: '1 minute' });

const State = Annotation.Root({
  action: Annotation<string>(),
  decision: Annotation<string>(),
  outcome: Annotation<string>(),
});

/** review routes with Command({ goto }): 'approve' leads to execute, any other answer to cancel. */
export const approveOrRejectGraph = new StateGraph(State)
  .addNode(
    'review',
    async (s) => {
      const decision = await interrupt<string>({ question: 'Approve or reject this action?', action: s.action, options: ['approve', 'reject'] });
      return new Command({ goto: decision === 'approve' ? 'execute' : 'cancel', update: { decision } });
    },
    { ends: ['execute', 'cancel'] },
  )
  .addNode('execute', async (s) => ({ outcome: await executeAction({ action: s.action }) }))
  .addNode('cancel', async (s) => ({ outcome: `cancelled: ${s.action}` }))
  .addEdge(START, 'review')
  .addEdge('execute', END)
  .addEdge('cancel', END)
  .compile();

export const approveOrReject = graphWorkflow(approveOrRejectGraph);
