import { proxyActivities } from '@temporalio/workflow';
import { Annotation, END, graphWorkflow, interrupt, START, StateGraph } from '../../src/workflow';
import type { ShippedActivities } from '../../activities';

const { holdReservation } = proxyActivities<ShippedActivities>({ startToCloseTimeout: '30 seconds' });

/** reserve holds a seat (an effect in the ledger), then asks for confirmation in the same node. */
export const holdThenConfirm = graphWorkflow(
  new StateGraph(Annotation.Root({ item: Annotation<string>(), hold: Annotation<string>(), confirmed: Annotation<boolean>() }))
    .addNode('reserve', async (s) => {
      const hold = await holdReservation({ item: s.item });
      const answer = await interrupt<string>({ question: `Confirm the booking? (${hold})` });
      return { hold, confirmed: answer === 'yes' };
    })
    .addEdge(START, 'reserve')
    .addEdge('reserve', END)
    .compile(),
);
