import type { Duration } from '@temporalio/common';
import { AsyncLocalStorage } from '@temporalio/workflow';
import type { Approvers } from '../engine/identity';
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
}

/** What interrupt() and getCurrentState() need from the thread running the task. */
export interface TaskHost {
  waitForAnswer(taskId: string, request: AnswerRequest): Promise<{ answer?: unknown; timedOut?: true }>;
  currentValues(): Values;
}

/**
 * The node execution whose code is running now (workflow-safe async context). Inside a subgraph,
 * `node` is the subgraph's node and `path` the ids of the subgraph tasks, outermost first.
 */
export const taskContext = new AsyncLocalStorage<TaskContext>();

/** The store of taskContext. */
export interface TaskContext {
  taskId: string;
  node: string;
  host: TaskHost;
  path?: string[];
}
