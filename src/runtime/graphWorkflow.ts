import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  currentUpdateInfo,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { CompiledGraph } from '../engine/compiledGraph';
import { durationMsOf } from './duration';
import { carriedData } from './core/checkpointLog';
import type { ThreadData } from './core/data';
import { answerable } from './core/view';
import { operatorAnswerRequest } from './operatorAnswer';
import {
  answerUpdate,
  awaitRequestUpdate,
  awaitStreamEventsUpdate,
  getStateHistoryQuery,
  getStateQuery,
  pendingInterruptIdsQuery,
  runUpdate,
  streamEventsQuery,
  updateStateUpdate,
  type RunRequest,
  type ThreadRequest,
  type UpdateStateRequest,
} from './protocol';
import { serve } from './serve';
import { history, snapshot } from './snapshot';
import { isRefusal, Thread } from './thread';
import { ThreadAttributes, type AttributePublishing } from './threadAttributes';

/** What a stream reader waits on: a request and the last event it has. */
type StreamCursor = { requestId: string; after: number };

/** The workflow's argument: empty for a new thread; the carried state after continue-as-new, or when a closed thread reopens. */
export interface ThreadWorkflowInput {
  carried?: ThreadData;
  /**
   * How the thread publishes its search attributes (see threadAttributes.ts). Clients start threads
   * with 'changes-at-rest' and the attributes already set; absent (threads started before, or by
   * hand): every change in full.
   */
  searchAttributes?: AttributePublishing;
}

/** The result of a thread's workflow closed for idleness: its final state, from which it reopens. */
export interface ClosedThread {
  carried: ThreadData;
}

export interface GraphWorkflowOptions {
  /**
   * Close the thread's workflow once it has rested idle (its last run finished, nothing pending)
   * this long (`'30 days'`, or milliseconds): it stops holding a place in the worker's cache and
   * the server's open workflows. Its final state is the workflow's result; getState still answers
   * from it and the next request reopens the thread from it. Without it, threads stay open.
   */
  idleTtl?: Duration;
}

/**
 * Turns a compiled graph into a Temporal workflow: one workflow per thread, alive for the thread's
 * whole life (idle between runs; with `idleTtl`, closed once idle that long and reopened by the next
 * request), continuing as new between supersteps when Temporal suggests it.
 * Export it under the graph's name: `export const approvalGate = graphWorkflow(graph)`.
 */
export function graphWorkflow(graph: CompiledGraph, options: GraphWorkflowOptions = {}): (input?: ThreadWorkflowInput) => Promise<ClosedThread | undefined> {
  const idleTtlMs = options.idleTtl === undefined ? undefined : durationMsOf(options.idleTtl, 'graphWorkflow() option idleTtl');
  return async function graphThread(input: ThreadWorkflowInput = {}): Promise<ClosedThread | undefined> {
    const info = workflowInfo();
    const name = info.workflowType;
    const publishing = input.searchAttributes ?? 'every-change';
    const thread = new Thread(graph, info.workflowId, name, input.carried, new ThreadAttributes(publishing, graph.name ?? name));
    // Validators refuse before Temporal records anything: a refused request leaves no trace.
    const refusing = <A extends unknown[], R>(check: (...args: A) => R) => (...args: A): R => {
      try {
        return check(...args);
      } catch (err) {
        if (!isRefusal(err)) throw err;
        throw ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true });
      }
    };
    const validator = refusing((request: ThreadRequest) => void thread.admitArrival(request));
    // The update id is the request id: `temporal workflow update execute --update-id` makes a retry safe.
    const operatorRequest = refusing((argument: unknown) => operatorAnswerRequest(argument, currentUpdateInfo()!.id, name));
    // Every accepted Update counts toward the run's budget (see UPDATES_PER_RUN).
    const counted = <A extends unknown[], R>(handler: (...args: A) => Promise<R>) => (...args: A) => {
      thread.updateAccepted();
      return handler(...args);
    };
    const knownRequest = (requestId: string) => {
      if (!thread.knowsRequest(requestId)) throw ApplicationFailure.create({ type: 'UNKNOWN_REQUEST', message: `Thread "${thread.threadId}" has no record of request ${requestId}`, nonRetryable: true });
    };
    setHandler(runUpdate, counted((request: RunRequest) => thread.submit(request)), { validator, description: 'Runs the graph: new input, a Command (resume / update / goto) or null; returns when it pauses or finishes.' });
    setHandler(answerUpdate, counted((argument: unknown) => thread.submit(operatorRequest(argument))), {
      validator: (argument: unknown) => validator(operatorRequest(argument)),
      description:
        'For operators: answers one pending interrupt. Argument { "interruptId": "<id from getState>", "answer": <JSON>, "identity": { "id": "...", "roles": [...] } } ' +
        '(identity optional: anonymous). Checked like any resume (who may answer, the answer\'s validator, the quorum); returns the outcome.',
    });
    setHandler(updateStateUpdate, counted((request: UpdateStateRequest) => thread.submit(request)), { validator, description: 'Applies values through the reducers as if asNode wrote them; runs nothing.' });
    setHandler(awaitRequestUpdate, counted((requestId: string) => thread.awaitOutcome(requestId)), {
      validator: knownRequest,
      description: 'Waits for the outcome of an earlier request (after the thread continued as new).',
    });
    setHandler(awaitStreamEventsUpdate, counted(({ requestId, after }: StreamCursor) => thread.awaitStreamEvents(requestId, after)), {
      validator: ({ requestId }: StreamCursor) => knownRequest(requestId),
      description: 'Returns once a request has stream events after the given event number, or has settled; read them with the streamEvents query.',
    });
    setHandler(streamEventsQuery, (cursor) => thread.streamEvents(cursor), { description: "A page of a request's stream events after an event number (the latest streaming request when none is named)." });
    setHandler(getStateQuery, (options) => snapshot(thread, options), { description: 'The thread at its head or at a past checkpoint; with subgraphs, their snapshots under their tasks.' });
    setHandler(pendingInterruptIdsQuery, () => answerable(thread.state).map((a) => a.id), { description: 'Ids of the interrupts that take an answer now.' });
    setHandler(getStateHistoryQuery, (options) => history(thread, options), { description: 'Checkpoints, newest first, one page at a time.' });

    const ended = await serve(thread, idleTtlMs);
    // Handlers waiting on this run have answered `continued` (the client follows to the next run), or,
    // closing, have nothing left to wait for.
    await condition(allHandlersFinished);
    if (ended === 'close') return { carried: carriedData(thread.state.data) };
    await continueAsNew<typeof graphThread>({ carried: carriedData(thread.state.data), ...(input.searchAttributes ? { searchAttributes: input.searchAttributes } : {}) });
    return undefined; // continueAsNew never returns
  };
}
