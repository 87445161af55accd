// The operator's way to answer: `temporal workflow update execute --name durable-graph.answer` with
// `{ interruptId, answer, identity? }`, no request envelope to know. It becomes the same request a
// client's `invoke(new Command({ resume: { [interruptId]: answer } }))` sends, so every rule (who
// may answer, the answer's validator, the quorum) applies to it alike.
import { Command } from '../engine/command';
import { InvalidCommandError } from '../engine/errors';
import type { Identity } from '../engine/identity';
import { INTERRUPT_ID, type RunRequest } from './protocol';

/** The argument of the `durable-graph.answer` update. */
export interface OperatorAnswer {
  /** The pending interrupt's id, as getState (or the `durable-graph.pendingInterruptIds` query) shows it. */
  interruptId: string;
  answer: unknown;
  /** Who answers (checked against the interrupt's approvers); absent: anonymous. */
  identity?: Identity;
}

/** The run request an operator's answer stands for; INVALID_COMMAND naming what is wrong with its shape. */
export function operatorAnswerRequest(argument: unknown, requestId: string, graph: string): RunRequest {
  if (typeof argument !== 'object' || argument === null || Array.isArray(argument)) {
    throw new InvalidCommandError('durable-graph.answer takes one object { interruptId, answer, identity? }');
  }
  const { interruptId, answer, identity, ...rest } = argument as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) throw new InvalidCommandError(`durable-graph.answer takes interruptId, answer and identity only, not ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
  if (typeof interruptId !== 'string' || !INTERRUPT_ID.test(interruptId)) {
    throw new InvalidCommandError(`durable-graph.answer: interruptId is the pending interrupt's id (32 hex characters), got ${JSON.stringify(interruptId)}`);
  }
  if (!Object.hasOwn(argument, 'answer')) throw new InvalidCommandError('durable-graph.answer: answer is missing');
  // The identity is checked with every request's, when the thread admits it.
  const by = identity === undefined ? {} : { by: identity as Identity };
  // Commands travel as plain JSON, as a client sends them.
  const input = { ...new Command({ resume: { [interruptId]: answer } }) };
  return { kind: 'run', requestId, ...by, graph, input, options: {} };
}
