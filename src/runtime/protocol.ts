// The messages client and workflow share (Temporal's early-return pattern): the client imports this
// file, never the workflow code.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ErrorCode } from '../engine/errors';
import type { Approvers, Identity } from '../engine/identity';
import type { Values } from '../engine/state';
import type { NodeSelection } from '../engine/types';

/** The search attributes threads publish: the client's visibility queries use them. */
export { GRAPH_NAME, PENDING_INTERRUPTS, THREAD_STATUS, WAITING_SINCE } from './searchAttributes';

export type ThreadStatus = 'running' | 'interrupted' | 'idle' | 'error';

/** A pending request for a human: `{ id, value }`; `interrupt()` without a value gives `{ id }`. */
export interface Interrupt<V = unknown> {
  id?: string;
  value?: V;
}

/** An answer counted toward an interrupt's quorum. */
export interface Approval {
  by: Identity;
  at: string;
}

/** An interrupt as getState shows it: who may answer, who has, when it was raised and until when it waits. */
export interface PendingInterruptInfo<V = unknown> extends Interrupt<V> {
  /** The rule in force (its `requester` resolved); absent: anyone may answer. */
  approvers?: Approvers;
  /** Answers collected toward the quorum so far. */
  approvals?: Approval[];
  raisedAt?: string;
  /** Who asked: the identity whose request started the run that raised it. */
  requester?: Identity;
  /** With a timeout: when the thread goes on without an answer. */
  deadline?: string;
}

export type StreamMode = 'values' | 'updates' | 'custom' | 'debug' | 'messages';

export const STREAM_MODES: readonly StreamMode[] = ['values', 'updates', 'custom', 'debug', 'messages'];

/** The format of interrupt ids: 32 lowercase hex characters. */
export const INTERRUPT_ID = /^[0-9a-f]{32}$/;

/** `resume` is an id map when it is a non-empty plain object whose every key has the interrupt id format. */
export function isIdMap(resume: unknown): resume is Record<string, unknown> {
  if (typeof resume !== 'object' || resume === null || Array.isArray(resume)) return false;
  const keys = Object.keys(resume);
  return keys.length > 0 && keys.every((k) => INTERRUPT_ID.test(k));
}

/** Per-call options, beside `configurable` in a LangGraph config. */
export interface CallOptions {
  recursionLimit?: number;
  interruptBefore?: NodeSelection;
  interruptAfter?: NodeSelection;
  multitaskStrategy?: 'reject' | 'enqueue';
  /** Continue (fork) from this past checkpoint instead of the head. */
  checkpointId?: string;
  /** Record stream events of these modes for readers (streamEventsQuery). */
  streamMode?: StreamMode[];
}

/** `invoke(input | Command | null)` as sent to the thread. Commands travel as plain JSON. */
export interface RunRequest {
  kind: 'run';
  requestId: string;
  /** Who sent it (absent: anonymous). */
  by?: Identity;
  /** The graph the caller meant; refused when the thread runs another. */
  graph: string;
  input: Values | null;
  options: CallOptions;
  /** Sent by the thread itself when an interrupt times out: settle the step, restart nothing. */
  internal?: 'timeout';
}

export interface UpdateStateRequest {
  kind: 'updateState';
  requestId: string;
  /** Who sent it (absent: anonymous). */
  by?: Identity;
  graph: string;
  values: Values | null;
  asNode?: string;
  options: Pick<CallOptions, 'multitaskStrategy' | 'checkpointId'>;
}

export type ThreadRequest = RunRequest | UpdateStateRequest;

export interface ThreadErrorInfo {
  code: ErrorCode;
  message: string;
  node?: string;
}

export interface StreamEvent {
  mode: StreamMode;
  chunk: unknown;
}

/** Where a request left the thread. `continued`: the thread moved to a new run; ask it with awaitRequest. */
export interface RequestOutcome {
  requestId: string;
  continued?: true;
  status: ThreadStatus;
  values: Values;
  /** Present whenever the thread is paused (empty at a static breakpoint). */
  interrupts?: Interrupt[];
  error?: ThreadErrorInfo;
  /**
   * Set when the state was too large to send back with the outcome (see OUTCOME_VALUES_BYTES):
   * `values` is then empty and the client reads them with getState.
   */
  valuesOmitted?: true;
  /** For updateState: the checkpoint it wrote. */
  config?: CheckpointConfig;
}

export interface CheckpointConfig {
  /** `checkpoint_ns` is set on a subgraph's snapshot only: `node:taskId`, nested ones joined by `|`. */
  configurable: { thread_id: string; checkpoint_id: string; checkpoint_ns?: string };
}

export interface TaskSnapshot {
  id: string;
  name: string;
  interrupts: PendingInterruptInfo[];
  result?: Values;
  error?: ThreadErrorInfo;
  /** With `getState(config, { subgraphs: true })`: the snapshot of the subgraph running in this task. */
  state?: StateSnapshot;
}

/** `getState()`: the thread at its head or at a past checkpoint. */
export interface StateSnapshot {
  values: Values;
  next: string[];
  tasks: TaskSnapshot[];
  interrupts: PendingInterruptInfo[];
  metadata: { source: CheckpointSource; step: number; writes?: Record<string, Values> };
  createdAt: string;
  config: CheckpointConfig;
  parentConfig?: CheckpointConfig;
  status: ThreadStatus;
}

export type CheckpointSource = 'input' | 'loop' | 'update' | 'fork';

/** The snapshot of a thread that has never run (LangGraph returns an empty one too). */
export function emptySnapshot(threadId: string, values: Values = {}, status: ThreadStatus = 'idle'): StateSnapshot {
  return {
    values,
    next: [],
    tasks: [],
    interrupts: [],
    metadata: { source: 'input', step: -1 },
    createdAt: '',
    config: { configurable: { thread_id: threadId, checkpoint_id: '' } },
    status,
  };
}

/**
 * The memo key under which a thread records each decision it makes by itself (a timeout, a reminder,
 * an escalation): every upsert is a WorkflowPropertiesModified event in the thread's history, which
 * the audit log reads as an entry by `system`. It names interrupts by id and carries no state.
 */
export const SYSTEM_DECISION_MEMO = 'durableGraphSystemDecision';

/**
 * The memo key of a run that reopened a thread closed for idleness (graphWorkflow's `idleTtl`): the
 * closed run's id, so the audit log follows the thread's runs back across the reopening as it does
 * across continue-as-new.
 */
export const REOPENED_FROM_MEMO = 'durableGraphReopenedFrom';

/** What a thread decided by itself, as recorded under SYSTEM_DECISION_MEMO. */
export interface SystemDecision {
  kind: 'timeout' | 'reminder' | 'escalation';
  interruptIds: string[];
  /** A timeout: whether it answered (onTimeout.answer) or failed the node. */
  decision?: 'answer' | 'error';
  /** A reminder: which one (from 0). */
  reminder?: number;
  /** An escalation: the rule in force from then on. */
  approvers?: Approvers;
}

/** An operator's answer to one interrupt (see operatorAnswer.ts): `{ interruptId, answer, identity? }`. */
export const answerUpdate = defineUpdate<RequestOutcome, [unknown]>('durable-graph.answer');
export const runUpdate = defineUpdate<RequestOutcome, [RunRequest]>('durable-graph.run');
export const updateStateUpdate = defineUpdate<RequestOutcome, [UpdateStateRequest]>('durable-graph.updateState');
/** Waits for an earlier request's outcome (after the thread continued as new). */
export const awaitRequestUpdate = defineUpdate<RequestOutcome, [string]>('durable-graph.awaitRequest');
/** Options of the state query: a past checkpoint instead of the head; the snapshots of subgraphs under their tasks. */
export interface StateQuery {
  checkpointId?: string;
  subgraphs?: boolean;
}
export const getStateQuery = defineQuery<StateSnapshot, [StateQuery?]>('durable-graph.getState');
/**
 * Ids of the interrupts that take an answer now. The client reads them before sending a plain
 * answer and sends it by id, so that the answer is bound to what was pending when it was sent.
 */
export const pendingInterruptIdsQuery = defineQuery<string[]>('durable-graph.pendingInterruptIds');

/** A stream reader's cursor: the events of one request (the latest that streamed, when absent) after an event id. */
export interface StreamEventsRequest {
  requestId?: string;
  /** The number of the last event seen (an event id is its number as a string); absent: from the request's first event. */
  after?: number;
}

/** An event as readers get it: its id orders it in the thread's one sequence, across continue-as-new. */
export interface StreamEventRecord extends StreamEvent {
  id: string;
}

/** One page of a request's events. */
export interface StreamEventsPage {
  /** The request the events belong to; absent when no request of this thread has streamed. */
  requestId?: string;
  events: StreamEventRecord[];
  /** The request has settled and no event of it comes after this page. */
  done: boolean;
  /** Events after the cursor were dropped (the thread keeps EVENT_LOG_BYTES): the stream cannot go on exactly. */
  expired?: true;
  /**
   * The request is under way and streams `messages`: the tokens of its model calls are in the
   * heartbeats of the thread's running `callModel` activities (they never enter the log).
   */
  streamsMessages?: true;
}

/** Stream events by cursor, bounded in bytes (EVENT_PAGE_BYTES). Read it after awaitStreamEvents says there is something new. */
export const streamEventsQuery = defineQuery<StreamEventsPage, [StreamEventsRequest]>('durable-graph.streamEvents');
/**
 * Returns once the request has events after `after`, or has settled; `continued` when the thread
 * hands over to its next run (ask that one). Carries no events itself: they are read with the
 * query, so they are not written into the workflow's history a second time.
 */
export const awaitStreamEventsUpdate = defineUpdate<{ continued?: true }, [{ requestId: string; after: number }]>('durable-graph.awaitStreamEvents');

/** Options of the history query: at most `limit` checkpoints older than `before`, newest first. */
export interface HistoryQuery {
  limit?: number;
  /** A checkpoint id: list only checkpoints older than it (the next page). */
  before?: string;
}
/** One page of history; the thread stops a page early to keep a query answer small (see HISTORY_PAGE_BYTES). */
export const getStateHistoryQuery = defineQuery<StateSnapshot[], [HistoryQuery?]>('durable-graph.getStateHistory');
