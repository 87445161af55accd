import { assertJson, cloneJson } from './json';
import { AnswerValidator, taskContext } from './task';
import type { Values } from '../graph/state';

export interface InterruptOptions {
  /** Refuses an answer at the update (INVALID_ANSWER) by returning why; undefined accepts it. */
  validate?: AnswerValidator;
}

function currentTask(what: string) {
  const ctx = taskContext.getStore();
  if (!ctx) throw new Error(`${what} was called outside a graph node; call it from a node of a graph run by graphWorkflow`);
  return ctx;
}

/**
 * Pauses the node until a human answers through `Command({ resume })`, and returns the answer.
 * The node is not re-run: code before the call runs once. `value` must be plain JSON.
 */
export async function interrupt<R = unknown>(...args: [value?: unknown, options?: InterruptOptions]): Promise<R> {
  const { task, host } = currentTask('interrupt()');
  const [value, options] = args;
  const hasValue = args.length > 0 && value !== undefined;
  if (hasValue) assertJson(value, `interrupt() in node "${task.node}"`);
  return (await host.waitForAnswer(task, hasValue ? cloneJson(value) : undefined, hasValue, options?.validate)) as R;
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
  return cloneJson(host.currentValues()) as S;
}
