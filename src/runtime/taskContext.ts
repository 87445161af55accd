import type { Duration } from '@temporalio/common';
import { AsyncLocalStorage } from '@temporalio/workflow';
import type { Approvers } from '../engine/identity';
import type { Values } from '../engine/state';

/** Checks a human's answer before the update is accepted; returns why it is refused, or undefined. */
export type AnswerValidator = (answer: unknown) => string | undefined;

/** What interrupt() and getCurrentState() need from the thread running the task. */
export interface TaskHost {
  waitForAnswer(
    taskId: string,
    request: { value: unknown; hasValue: boolean; validate?: AnswerValidator; timeout?: Duration; approvers?: Approvers },
  ): Promise<{ answer?: unknown; timedOut?: true }>;
  currentValues(): Values;
}

/** The node execution whose code is running now (workflow-safe async context). */
export const taskContext = new AsyncLocalStorage<{ taskId: string; node: string; host: TaskHost }>();
