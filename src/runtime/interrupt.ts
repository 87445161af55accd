import type { Duration } from '@temporalio/common';
import { inWorkflowContext } from '@temporalio/workflow';
import { GraphValidationError } from '../engine/errors';
import { approversProblem, type Approvers } from '../engine/identity';
import { durationMsOf } from './duration';
import type { Values } from '../engine/state';
import { cloneData } from './core/cloneData';
import { assertJson } from '../engine/json';
import type { Vote } from './core/steps';
import { currentTaskContext, type AnswerValidator, type Escalation, type Reminder } from './taskContext';

export interface InterruptOptions {
  /** Refuses an answer at the update (INVALID_ANSWER) by returning why; undefined accepts it. */
  validate?: AnswerValidator;
  /** How long to wait for a human (`'3 days'`, or milliseconds); the thread then goes on by itself. */
  timeout?: Duration;
  /** What a timeout gives: `{ answer }` as if a human sent it, or (default) `{ error }` thrown in the node. */
  onTimeout?: { answer: unknown } | { error: string };
  /**
   * Who may answer (checked in the update validator: anyone else is refused NOT_AUTHORIZED, nothing
   * changed). With `quorum: n` above 1 the call returns `[{ by, value, at }]` once n distinct
   * allowed identities have answered.
   */
  approvers?: Approvers;
  /**
   * With a quorum: how an answer counts (default: every answer approves). `'decide'` answers the
   * interrupt at once (a rejection needs no second opinion); `'restart'` starts the count again
   * from this answer (an edit: earlier approvals were for something else).
   */
  vote?: (answer: unknown) => Vote;
  /** Nudges while nobody has answered: each `run` hook once, `after` the interrupt was raised (durable timers). */
  reminders?: Reminder[];
  /** Unanswered `after` this long, `approvers` joins the rule in force (see widenApprovers) and `run` is called. */
  escalate?: Escalation;
}

/** Thrown by interrupt() when its timeout passes and `onTimeout` gives no answer. */
export class InterruptTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterruptTimeoutError';
  }
}

function currentTask(what: string) {
  // Outside a workflow the SDK's AsyncLocalStorage is a stub: say what is wrong instead of failing on it.
  const ctx = inWorkflowContext() ? currentTaskContext() : undefined;
  if (!ctx) throw new Error(`${what} was called outside a graph node; call it from a node of a graph run by graphWorkflow`);
  return ctx;
}

/**
 * Pauses the node until a human answers through `Command({ resume })`, and returns the answer.
 * The node is not re-run: code before the call runs once. `value` must be plain JSON.
 */
export async function interrupt<R = unknown>(...args: [value?: unknown, options?: InterruptOptions]): Promise<R> {
  const { taskId, node, host, path } = currentTask('interrupt()');
  const [value, options] = args;
  const hasValue = args.length > 0 && value !== undefined;
  if (hasValue) assertJson(value, `interrupt() in node "${node}"`);
  const approvers = options?.approvers;
  const wrongRule = approvers === undefined ? undefined : approversProblem(approvers);
  if (wrongRule) throw new GraphValidationError(`interrupt() in node "${node}": ${wrongRule}`);
  const wrongDeadline = deadlineProblem(options ?? {});
  if (wrongDeadline) throw new GraphValidationError(`interrupt() in node "${node}": ${wrongDeadline}`);
  const outcome = await host.waitForAnswer(taskId, {
    value: hasValue ? cloneData(value) : undefined,
    hasValue,
    validate: options?.validate,
    timeout: options?.timeout,
    ...(approvers ? { approvers } : {}),
    ...(options?.vote ? { vote: options.vote } : {}),
    ...(options?.reminders?.length ? { reminders: options.reminders } : {}),
    ...(options?.escalate ? { escalate: options.escalate } : {}),
    timeoutDecision: options?.onTimeout && 'answer' in options.onTimeout ? 'answer' : 'error',
    path,
  });
  if (!outcome.timedOut) return outcome.answer as R;
  const onTimeout = options?.onTimeout;
  if (onTimeout && 'answer' in onTimeout) return cloneData(onTimeout.answer) as R;
  throw new InterruptTimeoutError(onTimeout?.error ?? `No answer within ${String(options?.timeout)} in node "${node}"`);
}

/** Why interrupt()'s timeout, reminders or escalation are malformed, or undefined. */
export function deadlineProblem({ timeout, reminders, escalate, approvers }: InterruptOptions): string | undefined {
  try {
    if (timeout !== undefined) durationMsOf(timeout, 'timeout');
    if (reminders !== undefined && !Array.isArray(reminders)) return 'reminders is a list of { after, run }';
    for (const [i, reminder] of (reminders ?? []).entries()) {
      durationMsOf(reminder?.after, `reminders[${i}].after`);
      if (typeof reminder.run !== 'function') return `reminders[${i}].run is a function (workflow code run when the reminder is due)`;
    }
    if (escalate === undefined) return undefined;
    durationMsOf(escalate?.after, 'escalate.after');
  } catch (err) {
    return (err as TypeError).message;
  }
  if (escalate.run !== undefined && typeof escalate.run !== 'function') return 'escalate.run is a function (workflow code run when the interrupt escalates)';
  if (!approvers) return 'escalate needs approvers on the interrupt: without them anyone may answer already';
  const wrongRule = approversProblem(escalate.approvers);
  if (wrongRule) return `escalate.${wrongRule}`;
  if (escalate.approvers.quorum !== undefined) return 'escalate.approvers.quorum: an escalation widens who may answer; the quorum stays as raised';
  return undefined;
}

/** Legacy: thrown by a node to pause before its writes are kept; answered with updateState + invoke(null). */
export class NodeInterrupt extends Error {
  constructor(readonly value: unknown) {
    super(typeof value === 'string' ? value : JSON.stringify(value));
    this.name = 'NodeInterrupt';
  }
}

/** The thread's state as it is now, including edits made by updateState while the node waited. */
export function getCurrentState<S = Values>(): S {
  const { host } = currentTask('getCurrentState()');
  return cloneData(host.currentValues()) as S;
}
