import type { Duration } from '@temporalio/common';
import { AsyncLocalStorage, CancellationScope } from '@temporalio/workflow';
import type { NodeOutput } from '../engine/nodeOutput';
import type { PlannedTask } from '../engine/planner';
import type { Values } from '../engine/state';
import type { Interrupt, ThreadErrorInfo } from './protocol';

/** Checks a human's answer before the update is accepted; returns why it is refused, or undefined. */
export type AnswerValidator = (answer: unknown) => string | undefined;

export interface PendingInterrupt {
  id: string;
  value?: unknown;
  hasValue: boolean;
  validate?: AnswerValidator;
}

/**
 * running: the node's code is executing (or awaiting an answer, see `pending`); done: it returned;
 * failed: it threw after its retries; paused: it threw NodeInterrupt; cancelled: updateState dropped it.
 */
export type TaskStatus = 'running' | 'done' | 'failed' | 'paused' | 'cancelled';

/** One execution of one node in the superstep under way. */
export interface LiveTask {
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
  answers: Map<string, unknown>;
  /** Number of interrupt() calls so far: the call index in interrupt ids. */
  calls: number;
  scope: CancellationScope;
}

/** What interrupt() and getCurrentState() need from the thread running the task. */
export interface TaskHost {
  waitForAnswer(task: LiveTask, value: unknown, hasValue: boolean, validate?: AnswerValidator, timeout?: Duration): Promise<{ answer?: unknown; timedOut?: true }>;
  currentValues(): Values;
}

/** The task whose code is executing now (workflow-safe async context). */
export const taskContext = new AsyncLocalStorage<{ task: LiveTask; host: TaskHost }>();

/** A task whose node waits for an answer and has no delivered answer left to take up. */
export function isBlocked(task: LiveTask): boolean {
  return task.status === 'running' && task.pending.length > 0 && task.answers.size === 0;
}

/** The interrupts a task shows to humans: its unanswered calls, or its NodeInterrupt. */
export function taskInterrupts(task: LiveTask): Interrupt[] {
  if (task.status === 'paused' && task.nodeInterrupt) return [task.nodeInterrupt];
  if (task.status !== 'running') return [];
  return task.pending.map((p) => (p.hasValue ? { id: p.id, value: p.value } : { id: p.id }));
}
