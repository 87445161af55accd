// What the web inbox shows of one pending interrupt: the request in the words of its vocabulary
// (an agent-inbox tool call, a LangChain v1 decision, or a plain question), who asked, who may
// answer, and whether the person looking may. The rule is the library's own (notAllowedBecause),
// so the page never offers an answer the thread would refuse.
import { allowedTypes, isHumanInterrupt } from '../../agent/humanInterrupt';
import type { HITLRequest } from '../../agent/hitlDecisions';
import { reviewRequestOf } from '../../agent/reviewVerbs';
import { approversInWords, notAllowedBecause, type Approvers, type Identity } from '../../engine/identity';
import type { Approval, PendingInterruptInfo } from '../../runtime/protocol';

/** The three shapes of request the inbox knows how to answer. */
export type RequestKind = 'tool-call' | 'decision' | 'question';

/** The tool call a request is about. */
export interface RequestedAction {
  name: string;
  args: Record<string, unknown>;
  /** The JSON Schema of the arguments, when the request carries one (edits allowed). */
  argsSchema?: Record<string, unknown>;
}

/** One waiting request, as the inbox page renders it. */
export interface InboxRequest {
  threadId: string;
  graph: string;
  interruptId: string;
  /** tool-call: agent-inbox HumanInterrupt; decision: LangChain v1 HITLRequest; question: any other value. */
  kind: RequestKind;
  /** One line for the list. */
  summary: string;
  description?: string;
  action?: RequestedAction;
  /** The interrupt's value as the graph gave it. */
  value: unknown;
  /** The answer types the request allows, in its vocabulary ('value' for a plain question). */
  answers: string[];
  /** Who asked: the identity whose request started the run, when known. */
  requester?: Identity;
  raisedAt?: string;
  deadline?: string;
  approvers?: Approvers;
  /** Who may answer, in words. */
  approversText: string;
  approvals: Approval[];
  /** Whether the viewer may answer now (allowed by the rule and not already counted). */
  mayAnswer: boolean;
  /** Why the viewer may not, when they may not. */
  whyNot?: string;
}

/** A pending interrupt as the HTTP API shows it (main adds the requester beside approvers). */
export type PendingInterrupt = PendingInterruptInfo & { id: string; requester?: Identity };

const SUMMARY_LENGTH = 140;

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SUMMARY_LENGTH ? `${line.slice(0, SUMMARY_LENGTH - 1)}…` : line;
}

/** `pay(payee: Initech, amount: 5000)`: the call as one readable line. */
function callSummary(name: string, args: Record<string, unknown>): string {
  const parts = Object.entries(args).map(([key, v]) => `${key}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return clip(`${name}(${parts.join(', ')})`);
}

/** A plain interrupt's value in one line: a string as it is, a `question` field, else its JSON. */
function questionSummary(value: unknown): string {
  if (typeof value === 'string') return clip(value);
  const question = (value as { question?: unknown } | null)?.question;
  if (typeof question === 'string') return clip(question);
  return value === undefined ? '(no value)' : clip(JSON.stringify(value));
}

/** The rule in words (`role finance, not the requester (riley), 2 approvals`); `anyone` without one. */
export function describeApprovers(rule: Approvers | undefined): string {
  return rule ? approversInWords(rule) : 'anyone';
}

/** Why `me` may not answer now, or undefined when they may: the thread's rule, then their own earlier answer. */
function whyNotAnswer(pending: PendingInterrupt, me: Identity): string | undefined {
  const rule = pending.approvers;
  if (!rule) return undefined;
  const refused = notAllowedBecause(rule, me, rule.requester);
  if (refused) return `You may not answer: ${refused}.`;
  const approvals = pending.approvals ?? [];
  if (approvals.some((a) => a.by.id === me.id)) {
    const missing = (rule.quorum ?? 1) - approvals.length;
    return `You have approved it; it waits for ${missing} more approval${missing === 1 ? '' : 's'}.`;
  }
  return undefined;
}

type Shape = Pick<InboxRequest, 'kind' | 'summary' | 'description' | 'action' | 'answers'>;

/** The request in its own vocabulary: the call and description as operators read them (reviewRequestOf), the answer types and edit schema as the request states them. */
function shapeOf(value: unknown): Shape {
  const { call, description } = reviewRequestOf(value);
  if (!call) return { kind: 'question', summary: questionSummary(value), answers: ['value'] };
  const common = { summary: callSummary(call.name, call.args), description };
  if (isHumanInterrupt(value)) {
    const action = { ...call, ...(value.args_schema ? { argsSchema: value.args_schema } : {}) };
    return { kind: 'tool-call', ...common, action, answers: allowedTypes(value.config) };
  }
  const review = (value as HITLRequest).reviewConfigs[0];
  const action = { ...call, ...(review?.argsSchema ? { argsSchema: review.argsSchema } : {}) };
  return { kind: 'decision', ...common, action, answers: [...(review?.allowedDecisions ?? [])] };
}

/** Who asked, as the interrupt itself says: its requester, else the one its approvers rule names. */
export function statedRequester(pending: PendingInterrupt): Identity | undefined {
  return pending.requester ?? (pending.approvers?.requester ? { id: pending.approvers.requester } : undefined);
}

/**
 * The inbox's view of one pending interrupt, for the viewer `me`. `requester` is who asked, when
 * known (statedRequester, else found elsewhere such as the audit log).
 */
export function requestView(thread: { threadId: string; graph: string }, pending: PendingInterrupt, me: Identity, requester?: Identity): InboxRequest {
  const whyNot = whyNotAnswer(pending, me);
  return {
    threadId: thread.threadId,
    graph: thread.graph,
    interruptId: pending.id,
    ...shapeOf(pending.value),
    value: pending.value,
    ...(requester ? { requester } : {}),
    ...(pending.raisedAt ? { raisedAt: pending.raisedAt } : {}),
    ...(pending.deadline ? { deadline: pending.deadline } : {}),
    ...(pending.approvers ? { approvers: pending.approvers } : {}),
    approversText: describeApprovers(pending.approvers),
    approvals: pending.approvals ?? [],
    mayAnswer: whyNot === undefined,
    ...(whyNot ? { whyNot } : {}),
  };
}
