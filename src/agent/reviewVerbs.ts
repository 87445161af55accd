// An operator's verbs (approve, reject, edit, respond, ignore) said in the vocabulary of the request
// being answered, so that people and scripts need not know which one an agent was built with: the
// agent-inbox HumanInterrupt (humanInterrupt.ts) or LangChain v1's decisions (hitlDecisions.ts).
// A plain interrupt(value) takes whatever value its graph expects: no verb can know it.
import { InvalidAnswerError } from '../engine/errors';
import { DECISION_TYPES, isHITLRequest, type Decision, type DecisionType, type HITLRequest } from './hitlDecisions';
import { allowedTypes, isHumanInterrupt, type HumanInterrupt, type HumanResponse } from './humanInterrupt';

/** What an operator may say about a pending tool call. */
export type ReviewVerb = 'approve' | 'reject' | 'edit' | 'respond' | 'ignore';

/** All verbs, in the order help texts and menus list them. */
export const REVIEW_VERBS: readonly ReviewVerb[] = ['approve', 'edit', 'respond', 'reject', 'ignore'];

/** The vocabulary of a request: agent inbox, LangChain v1 decisions, or a plain interrupt value. */
export type RequestShape = 'agent-inbox' | 'decisions' | 'plain';

/** A pending request as an operator reads it. */
export interface ReviewRequest {
  shape: RequestShape;
  /** The tool call asked about (absent for a plain interrupt). */
  call?: { name: string; args: Record<string, unknown> };
  description?: string;
  /** The verbs this request takes (none for a plain interrupt: answer it with its value). */
  verbs: ReviewVerb[];
}

/** What goes with a verb: the arguments to change (edit) and a message (respond, reject). */
export interface VerbDetails {
  /** For edit: arguments laid over the call's own (a key given replaces that argument). */
  args?: Record<string, unknown>;
  message?: string;
}

/** How an interrupt value reads as a request: its shape, the call and the verbs it allows. */
export function reviewRequestOf(value: unknown): ReviewRequest {
  if (isHumanInterrupt(value)) {
    return { shape: 'agent-inbox', call: { name: value.action_request.action, args: value.action_request.args }, description: value.description, verbs: inboxVerbs(value) };
  }
  if (isHITLRequest(value)) {
    const [action] = value.actionRequests;
    return { shape: 'decisions', call: { name: action.name, args: action.args }, description: action.description, verbs: decisionVerbs(value) };
  }
  return { shape: 'plain', verbs: [] };
}

/**
 * The verbs of a request that are its vocabulary's own words, for menus: agent-inbox requests say
 * reject with respond or ignore, LangChain v1 requests say ignore with reject.
 */
export function ownVerbs(request: ReviewRequest): ReviewVerb[] {
  const alias: ReviewVerb | undefined = request.shape === 'agent-inbox' ? 'reject' : request.shape === 'decisions' ? 'ignore' : undefined;
  return request.verbs.filter((v) => v !== alias);
}

/**
 * The answer `verb` means for the request `value`, in its vocabulary. Refused INVALID_ANSWER, saying
 * what to do instead, on a plain interrupt, for a verb the request does not allow, for edit without
 * args and respond without a message. The thread checks the answer again (edited args against the
 * tool's schema) when it arrives.
 *
 * | verb            | agent inbox                         | LangChain v1 decisions            |
 * | approve         | accept                              | approve                           |
 * | edit            | edit { action, args }               | edit { editedAction }             |
 * | respond         | response (the message)              | respond (the message)             |
 * | reject          | response with the message, or ignore | reject (message optional)        |
 * | ignore          | ignore                              | reject without a message          |
 */
export function answerFor(verb: ReviewVerb, value: unknown, details: VerbDetails = {}): HumanResponse | Decision {
  const request = reviewRequestOf(value);
  if (request.shape === 'plain') {
    throw new InvalidAnswerError(
      `"${verb}" answers a tool call waiting for review (an agent-inbox request or LangChain v1 decisions); this is a plain interrupt(value), ` +
        `which takes whatever value its graph expects: send it with resume --value JSON. Its value: ${JSON.stringify(value)}`,
    );
  }
  const call = request.call!;
  if (!request.verbs.includes(verb)) {
    throw new InvalidAnswerError(`The request for "${call.name}" does not take "${verb}"; it takes ${request.verbs.join(', ')}`);
  }
  if (verb === 'edit' && details.args === undefined) throw new InvalidAnswerError(`"edit" needs the arguments to change (e.g. --args '{"amount": 100}')`);
  if (verb === 'respond' && !details.message?.trim()) throw new InvalidAnswerError('"respond" needs the message for the model (--message TEXT)');
  const args = { ...call.args, ...details.args };
  if (isHumanInterrupt(value)) return inboxAnswer(verb, value, args, details.message);
  return decision(verb, call.name, args, details.message);
}

function inboxVerbs(request: HumanInterrupt): ReviewVerb[] {
  const types = allowedTypes(request.config);
  const verbs: Record<ReviewVerb, boolean> = {
    approve: types.includes('accept'),
    edit: types.includes('edit'),
    respond: types.includes('response'),
    reject: types.includes('response') || types.includes('ignore'),
    ignore: types.includes('ignore'),
  };
  return REVIEW_VERBS.filter((v) => verbs[v]);
}

function decisionVerbs(request: HITLRequest): ReviewVerb[] {
  const allowed = (request.reviewConfigs[0]?.allowedDecisions ?? []).filter((d): d is DecisionType => DECISION_TYPES.includes(d));
  return REVIEW_VERBS.filter((v) => allowed.includes(v === 'ignore' ? 'reject' : v));
}

function inboxAnswer(verb: ReviewVerb, request: HumanInterrupt, args: Record<string, unknown>, message: string | undefined): HumanResponse {
  const allowed = allowedTypes(request.config);
  switch (verb) {
    case 'approve':
      return { type: 'accept', args: null };
    case 'edit':
      return { type: 'edit', args: { action: request.action_request.action, args } };
    case 'respond':
      return { type: 'response', args: message! };
    case 'ignore':
      return { type: 'ignore', args: null };
    case 'reject':
      // The agent inbox refuses a call either by telling the model why (response) or by skipping it (ignore).
      if (message?.trim()) {
        if (allowed.includes('response')) return { type: 'response', args: message };
        // Dropping the message would leave the model without the reason the person gave.
        throw new InvalidAnswerError(`The request for "${request.action_request.action}" takes no message: reject it without --message (sent as its 'ignore')`);
      }
      if (allowed.includes('ignore')) return { type: 'ignore', args: null };
      throw new InvalidAnswerError(`The request for "${request.action_request.action}" refuses a call only with a reason: reject --message TEXT (sent as its 'response')`);
  }
}

function decision(verb: ReviewVerb, name: string, args: Record<string, unknown>, message: string | undefined): Decision {
  switch (verb) {
    case 'approve':
      return { type: 'approve' };
    case 'edit':
      return { type: 'edit', editedAction: { name, args } };
    case 'respond':
      return { type: 'respond', message: message! };
    case 'reject':
      return message?.trim() ? { type: 'reject', message } : { type: 'reject' };
    case 'ignore':
      return { type: 'reject' };
  }
}
