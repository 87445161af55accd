import {
  allHandlersFinished,
  condition,
  continueAsNew,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CompiledGraph } from '../engine/compiledGraph';
import {
  awaitRequestUpdate,
  getStateHistoryQuery,
  getStateQuery,
  runUpdate,
  updateStateUpdate,
} from './protocol';
import { GRAPH_NAME, PENDING_INTERRUPTS, THREAD_STATUS } from './searchAttributes';
import { history, snapshot } from './snapshot';
import { Thread, ThreadData } from './thread';
import { validateRun, validateUpdateState } from './validateRequest';

/** The workflow's argument: empty for a new thread; the carried state after continue-as-new. */
export interface ThreadWorkflowInput {
  carried?: ThreadData;
}

/**
 * Turns a compiled graph into a Temporal workflow: one workflow per thread, alive for the thread's
 * whole life (idle between runs), continuing as new between supersteps when Temporal suggests it.
 * Export it under the graph's name: `export const approvalGate = graphWorkflow(graph)`.
 */
export function graphWorkflow(graph: CompiledGraph): (input?: ThreadWorkflowInput) => Promise<void> {
  return async function graphThread(input: ThreadWorkflowInput = {}): Promise<void> {
    const info = workflowInfo();
    const name = info.workflowType;
    const thread = new Thread(graph, info.workflowId, name, input.carried, (status, pending) =>
      upsertSearchAttributes([
        { key: GRAPH_NAME, value: graph.name ?? name },
        { key: THREAD_STATUS, value: status },
        { key: PENDING_INTERRUPTS, value: pending },
      ]),
    );
    setHandler(runUpdate, (request) => thread.submit(request), { validator: (request) => validateRun(thread, request) });
    setHandler(updateStateUpdate, (request) => thread.submit(request), {
      validator: (request) => validateUpdateState(thread, request),
    });
    setHandler(awaitRequestUpdate, (requestId) => thread.awaitOutcome(requestId), {
      validator: (requestId) => {
        if (!thread.knowsRequest(requestId)) throw new Error(`Thread "${thread.threadId}" has no record of request ${requestId}`);
      },
    });
    setHandler(getStateQuery, (options) => snapshot(thread, options?.checkpointId));
    setHandler(getStateHistoryQuery, (options) => history(thread, options?.limit));

    await thread.serve();
    // Handlers waiting on this run have answered `continued`; the client follows to the next run.
    await condition(allHandlersFinished);
    await continueAsNew<typeof graphThread>({ carried: thread.data });
  };
}
