import type { Duration } from '@temporalio/common';
import { AsyncLocalStorage } from '@temporalio/workflow';
import type { Approvers, Identity } from '../engine/identity';
import type { Vote } from './core/steps';
import type { Values } from '../engine/state';

/** Checks a human's answer before the update is accepted; returns why it is refused, or undefined. */
export type AnswerValidator = (answer: unknown) => string | undefined;

/** An interrupt() call as the thread gets it; `path`: the subgraph tasks it was asked in, outermost first. */
export interface AnswerRequest {
  value: unknown;
  hasValue: boolean;
  validate?: AnswerValidator;
  timeout?: Duration;
  /** Who may answer (interrupt()'s `approvers`). */
  approvers?: Approvers;
  /** How an answer counts toward the quorum (interrupt()'s `vote`). */
  vote?: (answer: unknown) => Vote;
  path?: string[];
  reminders?: Reminder[];
  escalate?: Escalation;
  /** Whether a timeout answers (onTimeout.answer) or fails the node: what the audit records. */
  timeoutDecision?: 'answer' | 'error';
}

/** What a reminder's or an escalation's `run` hook is told about the interrupt still waiting. */
export interface WaitingInterrupt {
  interruptId: string;
  value: unknown;
  raisedAt: string;
  deadline?: string;
  /** The rule in force (after an escalation, the widened one). */
  approvers?: Approvers;
  /** Who asked. */
  requester?: Identity;
}

/** Workflow code run while an interrupt waits: it may call activities (e.g. to notify a channel). */
export type DeadlineHook = (waiting: WaitingInterrupt) => void | Promise<void>;

/** A nudge `after` the interrupt was raised, if nobody has answered by then. */
export interface Reminder {
  after: Duration;
  run: DeadlineHook;
}

/** `after` the interrupt was raised, unanswered, more people may answer: `approvers` widens the rule. */
export interface Escalation {
  after: Duration;
  approvers: Approvers;
  run?: DeadlineHook;
}

/** What interrupt() and getCurrentState() need from the thread running the task. */
export interface TaskHost {
  waitForAnswer(taskId: string, request: AnswerRequest): Promise<{ answer?: unknown; timedOut?: true }>;
  currentValues(): Values;
}

/**
 * The node execution whose code is running now (workflow-safe async context). Module-private: the
 * worker shares this module between workflows and deep-freezes what it exports, and a frozen
 * AsyncLocalStorage cannot run.
 */
const storage = new AsyncLocalStorage<TaskContext>();

/** Runs `fn` (a node, or a subgraph's node) as the given task: interrupt() inside it finds the task. */
export function runAsTask<R>(context: TaskContext, fn: () => R): R {
  return storage.run(context, fn);
}

/** The task whose code is running now, if any. */
export function currentTaskContext(): TaskContext | undefined {
  return storage.getStore();
}

/** A running task: inside a subgraph, `node` is the subgraph's node and `path` the ids of the subgraph tasks, outermost first. */
export interface TaskContext {
  taskId: string;
  node: string;
  host: TaskHost;
  path?: string[];
}
