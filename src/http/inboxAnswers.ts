// Agent Inbox's answers, made exact before they reach the thread (API.md, "Precise answers (HTTP)").
// Its edit form sends every field as a string ("amount": "175"), and its accept carries the action
// request as `args` when edits are allowed. The thread's validator checks answers against the
// tool's schema and takes no strings for numbers, so each edited string field is converted to the
// type the field has in the pending request (a value the tool's schema accepted), and only when the
// conversion is exact; an accept whose arguments are the request's own becomes a plain accept.
import { InvalidAnswerError } from '../engine/errors';
import { isIdMap, type PendingInterruptInfo } from '../runtime/protocol';

/** `resume` with Agent Inbox's string fields converted for the interrupts it answers. */
export function exactInboxAnswer(resume: unknown, pending: PendingInterruptInfo[]): unknown {
  if (isIdMap(resume)) {
    return Object.fromEntries(Object.entries(resume).map(([id, answer]) => [id, exactAnswer(answer, pending.find((p) => p.id === id))]));
  }
  // A plain answer is for the only pending interrupt; with several the thread refuses it anyway.
  return pending.length === 1 ? exactAnswer(resume, pending[0]) : resume;
}

function exactAnswer(answer: unknown, interrupt: PendingInterruptInfo | undefined): unknown {
  const original = requestedArgs(interrupt?.value);
  if (!original) return answer;
  if (Array.isArray(answer)) return answer.length === 1 ? [exactResponse(answer[0], original)] : answer;
  if (isObject(answer) && Array.isArray(answer.decisions)) {
    return { ...answer, decisions: answer.decisions.map((d) => exactDecision(d, original)) };
  }
  return exactDecision(exactResponse(answer, original), original);
}

/** The arguments of the call an interrupt asks about: a HumanInterrupt's or a LangChain v1 request's (one action). */
function requestedArgs(value: unknown): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  if (isObject(value.action_request) && isObject(value.action_request.args)) return value.action_request.args;
  if (Array.isArray(value.actionRequests) && value.actionRequests.length === 1) {
    const [request] = value.actionRequests as unknown[];
    if (isObject(request) && isObject(request.args)) return request.args;
  }
  return undefined;
}

/** A HumanResponse: edited args made exact; an accept carrying the request's own args made plain. */
function exactResponse(response: unknown, original: Record<string, unknown>): unknown {
  if (!isObject(response) || !isObject(response.args) || !isObject(response.args.args)) return response;
  if (response.type === 'edit') return { ...response, args: { ...response.args, args: exactArgs(response.args.args, original) } };
  if (response.type === 'accept') {
    if (!sameJson(exactArgs(response.args.args, original), original)) {
      throw new InvalidAnswerError("An 'accept' carries arguments that differ from the request's; send them as an 'edit'");
    }
    return { ...response, args: null };
  }
  return response;
}

/** A LangChain v1 decision: an edited action's args made exact. */
function exactDecision(decision: unknown, original: Record<string, unknown>): unknown {
  if (!isObject(decision) || decision.type !== 'edit' || !isObject(decision.editedAction) || !isObject(decision.editedAction.args)) return decision;
  return { ...decision, editedAction: { ...decision.editedAction, args: exactArgs(decision.editedAction.args, original) } };
}

/** Each string field whose original is not a string, converted to the original's type when exact; else INVALID_ANSWER naming it. */
export function exactArgs(edited: Record<string, unknown>, original: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(edited).map(([key, value]) => {
      const was = Object.hasOwn(original, key) ? original[key] : undefined;
      if (typeof value !== 'string' || was === undefined || was === null || typeof was === 'string') return [key, value];
      return [key, converted(value, was, key)];
    }),
  );
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function converted(text: string, was: unknown, key: string): unknown {
  const refuse = (kind: string) => new InvalidAnswerError(`Edited argument $.args.${key} is ${JSON.stringify(text)}, which is not exactly ${kind}`);
  if (typeof was === 'number') {
    const number = Number(text);
    if (!JSON_NUMBER.test(text) || !Number.isFinite(number)) throw refuse('a number');
    return number;
  }
  if (typeof was === 'boolean') {
    if (text !== 'true' && text !== 'false') throw refuse('true or false');
    return text === 'true';
  }
  const kind = Array.isArray(was) ? 'a JSON array' : 'a JSON object';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refuse(kind);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) !== Array.isArray(was)) throw refuse(kind);
  return parsed;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

/** Objects with their keys in order, so that equal JSON compares equal. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
