// One thread seen from outside: how a request reaches the thread's workflow and its outcome comes
// back. Requests are Temporal Updates whose update id is the request id, so sending one again
// after a lost connection applies it at most once; a thread that continued as new is followed with
// the awaitRequest update.
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowHandle,
  WorkflowUpdateFailedError,
  type WorkflowUpdateHandle,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Identity } from '../engine/identity';
import { errorFromCode, NothingToResumeError, UnavailableError, UnknownGraphError } from '../engine/errors';
import {
  awaitRequestUpdate,
  awaitStreamEventsUpdate,
  emptySnapshot,
  GRAPH_NAME,
  PENDING_INTERRUPTS,
  THREAD_STATUS,
  getStateHistoryQuery,
  getStateQuery,
  pendingInterruptIdsQuery,
  HistoryQuery,
  REOPENED_FROM_MEMO,
  RequestOutcome,
  runUpdate,
  StateSnapshot,
  streamEventsQuery,
  StreamEventsPage,
  StreamEventsRequest,
  ThreadRequest,
  updateStateUpdate,
} from '../runtime/protocol';
import { readAuditLog, type AuditEntry } from './auditLog';
import { checkRequestSize } from './requestChecks';
import type { SeenInterrupts } from './seenInterrupts';
import { retryWhileUnreachable, type RetryPolicy } from './retry';
import { isNotFound, isUnknownRequest, translateError } from './translateError';
import { watchForUnknownGraph, type Unserved } from './unknownGraph';

/** What every thread handle of one GraphClient shares: the connection and the client's limits. */
export interface ThreadTransport {
  temporal: Client;
  taskQueue: string;
  /** Where Temporal is, for messages. */
  address: string;
  /** Requests with more UTF-8 bytes of JSON are refused before sending (PAYLOAD_TOO_LARGE). */
  maxRequestBytes: number;
  /** How long a request keeps trying to reach Temporal, from its first failure, before UNAVAILABLE. */
  requestTimeoutMs: number;
  /** What this client last saw pending on each thread: what a plain answer is bound to. */
  seen: SeenInterrupts;
  /** Who the client acts as; every request carries it. */
  identity: Identity;
  /** Resolves once the namespace has durable-graph's search attributes; else NAMESPACE_NOT_SET_UP (see namespaceCheck.ts). */
  namespaceReady(): Promise<void>;
}

/** A thread's workflow run that closed for idleness, and the final state it returned. */
interface ClosedRun {
  runId: string;
  carried: unknown;
}

/** An activity under way, as DescribeWorkflowExecution reports it (type name, attempt, latest heartbeat details...). */
export type RunningActivity = NonNullable<Awaited<ReturnType<WorkflowHandle['describe']>>['raw']['pendingActivities']>[number];

export interface SendOptions {
  /** Create the thread's workflow if it is not running. */
  start?: boolean;
  /** Called once the thread has accepted the request (passed its validator) and has it under way; not when its outcome came at once. */
  onAccepted?: () => void;
}

/** The transport side of one thread: sends requests and queries, retries, follows continue-as-new, translates errors. */
export class ThreadHandle {
  private readonly retry: RetryPolicy;

  constructor(
    private readonly transport: ThreadTransport,
    readonly threadId: string,
  ) {
    this.retry = { timeoutMs: transport.requestTimeoutMs };
  }

  /**
   * Sends a request and waits until the thread has paused or finished, returning the outcome or
   * throwing its typed refusal. `start`: create the thread's workflow if it is not running.
   */
  async send(request: ThreadRequest, options: SendOptions = {}): Promise<RequestOutcome> {
    checkRequestSize(request, this.threadId, this.transport.maxRequestBytes);
    const start = options.start === true;
    let sent = false;
    let outcome: RequestOutcome;
    try {
      outcome = await retryWhileUnreachable(
        this.retry,
        async (progressed) => {
          // A thread can start only where its search attributes are registered; refused before anything is sent.
          if (start) await this.transport.namespaceReady();
          const resending = sent;
          sent = true; // from here on an attempt may have reached the thread, even if it fails
          let result = resending ? await this.resend(request, start, options.onAccepted) : await this.deliver(request, start, options.onAccepted);
          while (result.continued) {
            progressed();
            result = await this.awaitRequest(request.requestId);
          }
          return result;
        },
        (err, elapsed) =>
          this.unavailable(
            `the outcome of request ${request.requestId} (${request.kind === 'run' ? 'invoke' : 'updateState'}) is unknown: it may or may not have been applied. ` +
              'Once Temporal is reachable, getState(config) shows what the thread recorded',
            err,
            elapsed,
          ),
      );
    } catch (err) {
      this.transport.seen.forget(this.threadId);
      if (!start && isNotFound(err)) {
        throw new NothingToResumeError(`Thread "${this.threadId}" does not exist; invoke it with input first`, { cause: err });
      }
      throw translateError(err);
    }
    if (outcome.error) {
      this.transport.seen.forget(this.threadId);
      throw errorFromCode(outcome.error.code, outcome.error.message);
    }
    this.transport.seen.saw(this.threadId, outcome.interrupts);
    return outcome;
  }

  /** The snapshot at the head or at a past checkpoint (with `subgraphs`, theirs under their tasks); an empty one for a thread that never ran. */
  async getState(checkpointId?: string, subgraphs?: boolean): Promise<StateSnapshot> {
    const snapshot = await this.query(() => this.workflow().query(getStateQuery, { checkpointId, ...(subgraphs ? { subgraphs } : {}) }), () => emptySnapshot(this.threadId));
    if (checkpointId === undefined) this.transport.seen.saw(this.threadId, snapshot.interrupts);
    return snapshot;
  }

  /**
   * Ids of the interrupts a plain answer sent now is meant for: the one this client last saw pending
   * on the thread, else those the thread has pending now (none for a thread that never ran).
   */
  async pendingInterruptIds(): Promise<string[]> {
    const seen = this.transport.seen.lastSeen(this.threadId);
    // Only a view with one question settles a plain answer without asking; none or several would be
    // refused here, and the thread may have moved on since: ask it.
    if (seen?.length === 1) return seen;
    return this.query(() => this.workflow().query(pendingInterruptIdsQuery), () => []);
  }

  /** One page of checkpoints, newest first; none for a thread that never ran. */
  getStateHistory(options: HistoryQuery): Promise<StateSnapshot[]> {
    return this.query(() => this.workflow().query(getStateHistoryQuery, options), () => []);
  }

  /** A page of a request's stream events after a cursor (see streamEventsQuery); an empty, finished one for a thread that never ran. */
  streamEvents(cursor: StreamEventsRequest): Promise<StreamEventsPage> {
    return this.query(() => this.workflow().query(streamEventsQuery, cursor), () => ({ events: [], done: true }));
  }

  /**
   * Waits until the request has events after `after` or has settled. The update id is the cursor, so
   * readers waiting at the same place (a reconnect, a second tab) share one Update in the thread.
   * Throws the thread's UNKNOWN_REQUEST refusal as a WorkflowUpdateFailedError.
   */
  awaitStreamEvents(requestId: string, after: number): Promise<{ continued?: true }> {
    const updateId = `stream-events:${requestId}:${after}`;
    return retryWhileUnreachable(
      this.retry,
      () => this.workflow().executeUpdate(awaitStreamEventsUpdate, { args: [{ requestId, after }], updateId }),
      (err, elapsed) => this.unavailable('the stream could not be read; join it again with the last event id once Temporal is reachable', err, elapsed),
    );
  }

  /** The activities the thread's workflow (its latest run) has under way, as Temporal describes them; none for a thread that never ran. */
  runningActivities(): Promise<RunningActivity[]> {
    return this.query(async () => (await this.workflow().describe()).raw.pendingActivities ?? [], () => []);
  }

  /** The thread's audit log from its history (see auditLog.ts); empty for a thread that never ran. */
  auditLog(): Promise<AuditEntry[]> {
    return this.query(() => readAuditLog(this.transport.temporal, this.threadId), () => []);
  }

  private workflow(): WorkflowHandle {
    return this.transport.temporal.workflow.getHandle(this.threadId);
  }

  private async query<T>(ask: () => Promise<T>, ifNoThread: () => T): Promise<T> {
    try {
      return await retryWhileUnreachable(this.retry, ask, (err, elapsed) => this.unavailable('the query got no answer; ask again once Temporal is reachable', err, elapsed));
    } catch (err) {
      if (isNotFound(err)) return ifNoThread();
      throw translateError(err);
    }
  }

  /**
   * The first attempt: the request as an Update (with start, when asked) whose update id is the
   * request id. A thread whose workflow closed for idleness reopens from its final state.
   */
  private async deliver(request: ThreadRequest, start: boolean, onAccepted?: () => void): Promise<RequestOutcome> {
    const updateId = request.requestId;
    if (start) return this.deliverStarting(request, onAccepted);
    const definition = updateOf(request);
    try {
      if (!onAccepted) return await this.workflow().executeUpdate(definition, { args: [request], updateId });
      // The validator has run once startUpdate returns: the caller learns of a refusal at once.
      const handle = await this.workflow().startUpdate(definition, { args: [request], updateId, waitForStage: 'ACCEPTED' });
      return await this.onceAccepted(handle, request.requestId, onAccepted);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      const closed = await this.closedThread();
      if (!closed) throw err;
      return this.deliverStarting(request, onAccepted, closed);
    }
  }

  /** The final state of the thread's workflow if it closed for idleness (graphWorkflow's idleTtl); undefined otherwise. */
  private async closedThread(): Promise<ClosedRun | undefined> {
    const handle = this.workflow();
    const described = await handle.describe().catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    if (described?.status.name !== 'COMPLETED') return undefined;
    const result: unknown = await this.transport.temporal.workflow.getHandle(this.threadId, described.runId).result();
    const carried = typeof result === 'object' && result !== null ? (result as { carried?: unknown }).carried : undefined;
    return carried === undefined ? undefined : { runId: described.runId, carried };
  }

  /**
   * After a lost connection: if the thread knows the request (even in a later run, after
   * continue-as-new), wait for its outcome; else send it again with the same update id, which
   * Temporal dedupes within the run.
   */
  private async resend(request: ThreadRequest, start: boolean, onAccepted?: () => void): Promise<RequestOutcome> {
    try {
      return await this.awaitRequest(request.requestId, onAccepted);
    } catch (err) {
      // The awaitRequest validator refuses a request the thread has no record of: it never arrived.
      if (!(err instanceof WorkflowUpdateFailedError) && !isNotFound(err)) throw err;
    }
    return this.deliver(request, start, onAccepted);
  }

  /** Waits for the outcome of a request the thread knows (`onAccepted`: once it is known to); refused when it does not. */
  private async awaitRequest(requestId: string, onAccepted?: () => void): Promise<RequestOutcome> {
    if (!onAccepted) return this.workflow().executeUpdate(awaitRequestUpdate, { args: [requestId] });
    const handle = await this.workflow().startUpdate(awaitRequestUpdate, { args: [requestId], waitForStage: 'ACCEPTED' });
    return this.onceAccepted(handle, requestId, onAccepted);
  }

  /**
   * The outcome of an Update whose validator has run, calling `onAccepted` first when the thread has
   * the request under way. Temporal answers a rejected Update and one accepted and already finished
   * alike (with its outcome), so the thread is asked: a request it has queued or running is pending in
   * its stream log. When it is not, the outcome is at hand (a refusal, or the request settled).
   */
  private async onceAccepted(handle: WorkflowUpdateHandle<RequestOutcome>, requestId: string, onAccepted: () => void): Promise<RequestOutcome> {
    const page = await this.workflow().query(streamEventsQuery, { requestId });
    if (!page.done) onAccepted();
    return handle.result();
  }

  /**
   * The outcome of an earlier request of this thread once it has paused or finished, following the
   * thread across continue-as-new; undefined when the thread has no record of it (it never arrived,
   * or it settled so long ago that the thread no longer keeps its outcome).
   */
  async outcomeOf(requestId: string): Promise<RequestOutcome | undefined> {
    try {
      return await retryWhileUnreachable(
        this.retry,
        async (progressed) => {
          let result = await this.awaitRequest(requestId);
          while (result.continued) {
            progressed();
            result = await this.awaitRequest(requestId);
          }
          return result;
        },
        (err, elapsed) => this.unavailable(`the outcome of request ${requestId} could not be read; ask again once Temporal is reachable`, err, elapsed),
      );
    } catch (err) {
      if (isUnknownRequest(err) || isNotFound(err)) return undefined;
      throw translateError(err);
    }
  }

  /**
   * Update-with-start, watching the new workflow meanwhile: when its tasks fail because no worker's
   * bundle exports the graph, the workflow (which never ran a step) is terminated and UNKNOWN_GRAPH thrown.
   */
  private async deliverStarting(request: ThreadRequest, onAccepted?: () => void, reopening?: ClosedRun | 'afresh'): Promise<RequestOutcome> {
    const { temporal, taskQueue } = this.transport;
    const startOperation = new WithStartWorkflowOperation(request.graph, {
      workflowId: this.threadId,
      taskQueue,
      workflowIdConflictPolicy: 'USE_EXISTING',
      // A closed thread is not started afresh: its final state is read first (below) and carried.
      workflowIdReusePolicy: reopening ? 'ALLOW_DUPLICATE' : 'REJECT_DUPLICATE',
      // The thread's search attributes are set with the start (running its first request), so the
      // thread publishes only what changes, when it rests: fewer events in its history.
      args: [{ ...(typeof reopening === 'object' ? { carried: reopening.carried } : {}), searchAttributes: 'changes-at-rest' }],
      typedSearchAttributes: [
        { key: GRAPH_NAME, value: request.graph },
        { key: THREAD_STATUS, value: 'running' },
        { key: PENDING_INTERRUPTS, value: 0 },
      ],
      ...(typeof reopening === 'object' ? { memo: { [REOPENED_FROM_MEMO]: reopening.runId } } : {}),
    });
    const stop = new AbortController();
    const definition = updateOf(request);
    const update = temporal.withAbortSignal(stop.signal, async () => {
      const options = { args: [request] as [ThreadRequest], updateId: request.requestId, startWorkflowOperation: startOperation };
      if (!onAccepted) return temporal.workflow.executeUpdateWithStart(definition, options);
      const handle = await temporal.workflow.startUpdateWithStart(definition, { ...options, waitForStage: 'ACCEPTED' });
      return this.onceAccepted(handle, request.requestId, onAccepted);
    });
    type First = { outcome: RequestOutcome } | { unserved: Unserved };
    const answered = update.then((outcome): First => ({ outcome }));
    const unserved = watchForUnknownGraph(temporal, this.threadId, taskQueue, stop.signal).then((found) => (found ? { unserved: found } : answered));
    try {
      let first: First;
      try {
        first = await Promise.race([answered, unserved]);
      } catch (err) {
        if (reopening || !(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        // The thread's workflow has closed: reopen it from its final state, or (closed otherwise,
        // say terminated) start it afresh as before.
        const closed = await this.closedThread();
        return await this.deliverStarting(request, onAccepted, closed ?? 'afresh');
      }
      if ('outcome' in first) return first.outcome;
      update.catch(() => undefined); // cancelled below; its rejection is expected
      const reason = `durable-graph: no worker on task queue "${taskQueue}" serves graph "${request.graph}"`;
      await temporal.workflow.getHandle(this.threadId, first.unserved.runId).terminate(reason).catch(() => undefined);
      const why =
        first.unserved.why === 'no-worker'
          ? `no worker polls task queue "${taskQueue}" (none has in the last minutes). Start a worker that serves "${request.graph}" on that task queue`
          : `no worker on task queue "${taskQueue}" serves it (the workers' workflow bundle exports no such workflow). Check the graph name, or start a worker whose workflows export "${request.graph}"`;
      throw new UnknownGraphError(`Unknown graph "${request.graph}": ${why}; thread "${this.threadId}" was not created.`);
    } finally {
      stop.abort();
    }
  }

  private unavailable(what: string, cause: unknown, elapsedMs: number): UnavailableError {
    return new UnavailableError(
      `Thread "${this.threadId}": Temporal at ${this.transport.address} could not be reached for ${(elapsedMs / 1000).toFixed(1)} s, so ${what}.`,
      { cause },
    );
  }
}

/** The Update that carries a request of this kind (each takes the request as its one argument). */
function updateOf(request: ThreadRequest): UpdateDefinition<RequestOutcome, [ThreadRequest]> {
  // The definitions' argument types are phantom (only the name travels): the request's kind picks the matching one.
  return request.kind === 'run' ? runUpdate : updateStateUpdate;
}
