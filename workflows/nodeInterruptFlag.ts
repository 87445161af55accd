import { proxyActivities } from '@temporalio/workflow';
import { Annotation, END, graphWorkflow, NodeInterrupt, START, StateGraph } from '../src/workflow';
import type { ShippedActivities } from '../activities';

const { executeAction } = proxyActivities<ShippedActivities>({ startToCloseTimeout: '1 minute' });

const REFUND_LIMIT = 100;

const State = Annotation.Root({
  amount: Annotation<number>(),
  /** Set by a human with updateState to allow a refund over the limit. */
  flag: Annotation<boolean>(),
  result: Annotation<string>(),
});

/**
 * Legacy NodeInterrupt: refund pauses (keeping none of its writes) while the amount is over the limit
 * and the flag is not set; a human sets the flag with updateState and invoke(null) runs refund again.
 */
export const nodeInterruptFlagGraph = new StateGraph(State)
  .addNode('refund', async (s) => {
    if (s.amount > REFUND_LIMIT && !s.flag) {
      throw new NodeInterrupt({ reason: `Refund of ${s.amount} is over the limit of ${REFUND_LIMIT}; set flag to allow it`, amount: s.amount });
    }
    return { result: await executeAction({ action: `refund ${s.amount}` }) };
  })
  .addEdge(START, 'refund')
  .addEdge('refund', END)
  .compile();

export const nodeInterruptFlag = graphWorkflow(nodeInterruptFlagGraph);
