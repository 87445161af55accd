// LangChain v1's HITL middleware shapes (`langchain` humanInTheLoopMiddleware), beside the agent-inbox
// ones in humanInterrupt.ts: a user of createAgent's `interruptOn` finds the same request and answers.
import { isPlainObject } from '../engine/state';
import type { ArgsCheck } from './humanInterrupt';

/** The four ways a human may decide about a tool call. */
export type DecisionType = 'approve' | 'edit' | 'reject' | 'respond';

/** All decision types, in LangChain's order. */
export const DECISION_TYPES: readonly DecisionType[] = ['approve', 'edit', 'reject', 'respond'];

/** The call a human is asked about: the tool's name, the model's arguments and the text shown. */
export interface HITLActionRequest {
  name: string;
  args: Record<string, unknown>;
  description?: string;
}

/** How a call may be answered: the decisions allowed and, for UIs, the JSON Schema of its arguments. */
export interface ReviewConfig {
  actionName: string;
  allowedDecisions: DecisionType[];
  argsSchema?: Record<string, unknown>;
}

/** The value of an `interruptOn` tool interrupt: one pending call (one action per interrupt). */
export interface HITLRequest {
  actionRequests: HITLActionRequest[];
  reviewConfigs: ReviewConfig[];
}

/** Whether an interrupt's value is a LangChain v1 request (an HITLRequest with one action). */
export function isHITLRequest(value: unknown): value is HITLRequest {
  const v = value as HITLRequest | undefined;
  return Array.isArray(v?.actionRequests) && Array.isArray(v.reviewConfigs) && isPlainObject(v.actionRequests[0]) && typeof v.actionRequests[0].name === 'string';
}

/**
 * A human's decision: run the call as is, run an edited call instead, refuse it (the model is told,
 * with the message if given), or answer the model in place of the tool.
 */
export type Decision =
  | { type: 'approve' }
  | { type: 'edit'; editedAction: { name: string; args: Record<string, unknown> } }
  | { type: 'reject'; message?: string }
  | { type: 'respond'; message: string };

/** The answer to an HITLRequest: one decision per action request (here always one). */
export interface HITLResponse {
  decisions: Decision[];
}

/** The decision inside `{ decisions: [decision] }`, or the answer itself when it is a bare decision. */
export function unwrapDecision(answer: unknown): unknown {
  return isPlainObject(answer) && Array.isArray(answer.decisions) && answer.decisions.length === 1 ? answer.decisions[0] : answer;
}

/**
 * Why `answer` is not an acceptable decision on `request` (refused at the update as INVALID_ANSWER),
 * or undefined when it is. `checkArgs` holds edited arguments to the tool's schema.
 */
export function checkDecision(answer: unknown, request: HITLRequest, checkArgs?: ArgsCheck): string | undefined {
  const [action] = request.actionRequests;
  const allowed = request.reviewConfigs[0]?.allowedDecisions ?? [];
  const expected = `send { decisions: [{ type: ${allowed.map((t) => `'${t}'`).join(' | ')}, ... }] } or the decision alone`;
  if (isPlainObject(answer) && 'decisions' in answer) {
    if (!Array.isArray(answer.decisions)) return `'decisions' must be an array; ${expected}`;
    if (answer.decisions.length !== 1) {
      return `the request for "${action.name}" takes exactly one decision, got ${answer.decisions.length}`;
    }
  }
  const decision = unwrapDecision(answer);
  // includes on our own list, not `in`: 'toString' is no decision type.
  if (!isPlainObject(decision) || !DECISION_TYPES.includes(decision.type as DecisionType)) return expected;
  const type = decision.type as DecisionType;
  if (!allowed.includes(type)) return `the request for "${action.name}" does not allow '${type}'; allowed: ${allowed.join(', ')}`;
  switch (type) {
    case 'approve':
      return undefined;
    case 'reject':
      return decision.message === undefined || typeof decision.message === 'string' ? undefined : "'reject' takes an optional message (a string)";
    case 'respond':
      return typeof decision.message === 'string' && decision.message.trim() !== ''
        ? undefined
        : "'respond' takes message: the tool result for the model (a non-empty string)";
    case 'edit': {
      const edited = decision.editedAction;
      if (!isPlainObject(edited) || typeof edited.name !== 'string' || !isPlainObject(edited.args)) {
        return "'edit' takes editedAction: { name, args } (the call to make instead)";
      }
      if (edited.name !== action.name) return `an edit must keep the tool "${action.name}", got "${edited.name}"`;
      const why = checkArgs?.(edited.args);
      return why ? `edited args for "${action.name}" are invalid: ${why}` : undefined;
    }
  }
}
