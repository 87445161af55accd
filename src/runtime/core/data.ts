// What a thread is, as plain data: carried across continue-as-new (ThreadData) and, while a superstep
// is under way, the step's tasks (Flight). No Temporal import: the transitions over it are unit-tested.
import type { NodeOutput } from '../../engine/nodeOutput';
import type { JoinProgress, PlannedTask } from '../../engine/planner';
import { initialValues, type Values } from '../../engine/state';
import type { StateDefinition } from '../../engine/channel';
import type { CheckpointSource, Interrupt, RequestOutcome, ThreadErrorInfo, ThreadRequest } from '../protocol';
import type { Approvers, Identity } from '../../engine/identity';
import type { EventLog } from './eventLog';
import type { SubgraphRun } from './subgraphs';

/** Bumped when ThreadData changes shape; a run refuses carried data of another version. */
export const THREAD_DATA_VERSION = 2;

/** One entry of the checkpoint log. `next` holds what the step after it runs. */
export interface Checkpoint {
  id: string;
  parentId?: string;
  step: number;
  source: CheckpointSource;
  values: Values;
  next: PlannedTask[];
  joins: JoinProgress;
  writes?: Record<string, unknown>;
  createdAt: string;
  /** JSON size of the entry (state included) in UTF-16 code units: what the log's byte budget counts. */
  size: number;
}

/** A request waiting for its turn, with the answers it was bound to when it was admitted. */
export interface QueuedRequest {
  request: ThreadRequest;
  /** Interrupt id → answer, fixed at admission: a plain answer never reaches a later question. */
  bound?: Record<string, unknown>;
}

/** The request under way. */
export interface ActiveRequest extends QueuedRequest {
  prepared: boolean;
  /** Supersteps this request has run (the recursion limit counts them). */
  steps: number;
  /** Set by invoke(null) at a before-breakpoint: run the paused step without stopping again. */
  skipBefore: boolean;
  /** A resume sent with a past checkpoint: answers the first interrupt of the fork. */
  forkAnswer?: { value: unknown };
}

/** An outcome as remembered for a client that follows the thread: small, without values. */
export type OutcomeRecord = Omit<RequestOutcome, 'values' | 'continued' | 'valuesOmitted'>;

/** Requests: waiting, under way, and the outcomes of the latest ones. */
export interface Mailbox {
  queue: QueuedRequest[];
  active?: ActiveRequest;
  outcomes: Record<string, OutcomeRecord>;
}

/** Everything a thread carries into its next run when it continues as new. */
export interface ThreadData {
  version: typeof THREAD_DATA_VERSION;
  values: Values;
  /** The step of the head checkpoint (LangGraph's numbering: -1 is the first input). */
  step: number;
  runSeq: number;
  taskSeq: number;
  checkpointSeq: number;
  next: PlannedTask[];
  joins: JoinProgress;
  error?: ThreadErrorInfo;
  breakpoint?: 'before' | 'after';
  checkpoints: Checkpoint[];
  /** Ids of answered interrupts (the latest MAX_ANSWERED), for ALREADY_ANSWERED. */
  answered: string[];
  mailbox: Mailbox;
  /** Whose request started the current run: the requester approvers' notRequester refers to. */
  requester?: Identity;
  /** Stream events for readers (absent until a request streams; also in data carried by earlier versions). */
  events?: EventLog;
}

/** A pending `interrupt()` call. Its answer validator lives with the running node, not here. */
export interface PendingInterrupt {
  id: string;
  value?: unknown;
  hasValue: boolean;
  /** Absent in data carried from before governance. */
  raisedAt?: string;
  /** Who asked: the identity whose request started the run that raised it (absent before governance). */
  requester?: Identity;
  deadline?: string;
  /** Who may answer, the requester resolved when it was raised; absent: anyone. */
  approvers?: Approvers;
  /** Answers collected toward a quorum above 1. */
  approvals?: Array<{ by: Identity; value: unknown; at: string }>;
  /** Asked inside subgraphs: the ids of their tasks, outermost first. */
  path?: string[];
}

/**
 * running: the node's code is executing (or awaiting an answer, see `pending`); done: it returned;
 * failed: it threw after its retries; paused: it threw NodeInterrupt; cancelled: updateState dropped it.
 */
export type TaskStatus = 'running' | 'done' | 'failed' | 'paused' | 'cancelled';

/** One execution of one node in the superstep under way. */
export interface TaskRecord {
  id: string;
  node: string;
  planned: PlannedTask;
  step: number;
  status: TaskStatus;
  output?: NodeOutput;
  error?: ThreadErrorInfo;
  nodeInterrupt?: Interrupt;
  /** Interrupts asked and not answered yet, in call order. */
  pending: PendingInterrupt[];
  /** Answers delivered and not yet taken up by the node. */
  answers: Record<string, unknown>;
  /** interrupt() calls so far: the call index in interrupt ids. */
  calls: number;
  /** Subgraphs running inline in this task, by the id of the task hosting each (this task's own id for its direct one). */
  subgraphs?: Record<string, SubgraphRun>;
}

/** The superstep under way. */
export interface Flight {
  step: number;
  tasks: TaskRecord[];
  /** State the step's nodes read: the values when it started. */
  input: Values;
}

/** A thread as the transitions see it. The flight is never carried: continue-as-new waits for it to end. */
export interface ThreadState {
  data: ThreadData;
  flight?: Flight;
}

/** A thread that has never run. */
export function newThreadData(spec: StateDefinition): ThreadData {
  return {
    version: THREAD_DATA_VERSION,
    values: initialValues(spec),
    step: -2,
    runSeq: 0,
    taskSeq: 0,
    checkpointSeq: 0,
    next: [],
    joins: {},
    checkpoints: [],
    answered: [],
    mailbox: { queue: [], outcomes: {} },
  };
}
