import { interrupt, type InterruptOptions } from '../runtime/interrupt';
import type { Approvers } from '../engine/identity';
import { approvalRequest, approversOf, hitlRequest, type ApprovalPolicies, type InterruptOnPolicies } from './approval';
import { checkDecision, unwrapDecision, type Decision, type HITLRequest } from './hitlDecisions';
import { checkHumanResponse, unwrapResponse, type HumanInterrupt, type HumanResponse } from './humanInterrupt';
import type { Tool } from './tool';

/** Which tool calls wait for a human, in either vocabulary (a tool is in one of them at most). */
export interface ReviewPolicies {
  approval: ApprovalPolicies;
  interruptOn: InterruptOnPolicies;
}

/**
 * What a human's answer means for one call, whichever vocabulary asked: run it (with edited
 * arguments, already checked against the schema), or do not and give the model `content` instead.
 */
export type Review =
  | { run: true; editedArgs?: Record<string, unknown> }
  | { run: false; content: string; /** agent-inbox `ignore`: the turn may end here */ ignored?: true };

const RUN: Review = { run: true };

function argsCheck(tool: Tool) {
  return (args: Record<string, unknown>) => {
    const parsed = tool.parse(args);
    return parsed.ok ? undefined : parsed.error;
  };
}

/**
 * With a quorum the interrupt returns every answer counted, `[{ by, value, at }]`: the last one
 * when it decided (anything but an approval), else the first (an edit restarts the count, so it
 * leads the approvals of its arguments), else the last approval.
 */
function decisive(answer: unknown, approvers: Approvers | undefined, approves: (value: unknown) => boolean): unknown {
  if ((approvers?.quorum ?? 1) === 1) return answer;
  const values = (answer as Array<{ value: unknown }>).map((a) => a.value);
  const last = values[values.length - 1];
  return approves(last) ? values[0] : last;
}

/**
 * Who may answer a tool call, and how answers count toward its quorum: an approval counts, an edit
 * restarts the count (the arguments changed), anything else (a refusal) decides at once.
 */
function approval(approvers: Approvers | undefined, typeOf: (answer: unknown) => string, approveType: string): Pick<InterruptOptions, 'approvers' | 'vote'> {
  if (!approvers) return {};
  return { approvers, vote: (a) => (typeOf(a) === approveType ? 'approve' : typeOf(a) === 'edit' ? 'restart' : 'decide') };
}

async function askInbox(request: HumanInterrupt, tool: Tool, approvers: Approvers | undefined): Promise<Review> {
  const typeOf = (a: unknown) => (unwrapResponse(a) as HumanResponse).type;
  const answer = await interrupt(request, { validate: (a) => checkHumanResponse(a, request, argsCheck(tool)), ...approval(approvers, typeOf, 'accept') });
  const response = unwrapResponse(decisive(answer, approvers, (a) => typeOf(a) === 'accept')) as HumanResponse;
  switch (response.type) {
    case 'accept':
      return RUN;
    case 'edit':
      return { run: true, editedArgs: response.args.args };
    case 'response':
      return { run: false, content: response.args };
    case 'ignore':
      return { run: false, content: `Skipped: a human chose not to run ${tool.name}.`, ignored: true };
  }
}

async function askDecision(request: HITLRequest, tool: Tool, approvers: Approvers | undefined): Promise<Review> {
  const typeOf = (a: unknown) => (unwrapDecision(a) as Decision).type;
  const answer = await interrupt(request, { validate: (a) => checkDecision(a, request, argsCheck(tool)), ...approval(approvers, typeOf, 'approve') });
  const decision = unwrapDecision(decisive(answer, approvers, (a) => typeOf(a) === 'approve')) as Decision;
  switch (decision.type) {
    case 'approve':
      return RUN;
    case 'edit':
      return { run: true, editedArgs: decision.editedAction.args };
    case 'respond':
      return { run: false, content: decision.message };
    case 'reject': {
      const rejected = `Rejected: a human did not let ${tool.name} run.`;
      return { run: false, content: decision.message ? `${rejected} ${decision.message}` : rejected };
    }
  }
}

/**
 * Waits for a human when a policy covers the call; runs it as is otherwise. `raw` is what the
 * model sent (shown to the human), `parsed` what the schema made of it (given to `when`).
 */
export function reviewCall(tool: Tool, raw: Record<string, unknown>, parsed: unknown, policies: ReviewPolicies): Promise<Review> {
  const inboxPolicy = policies.approval[tool.name];
  const inbox = approvalRequest(inboxPolicy, tool.name, raw, parsed, tool.parameters);
  if (inbox) return askInbox(inbox, tool, approversOf(inboxPolicy, parsed));
  const hitlPolicy = policies.interruptOn[tool.name];
  const hitl = hitlRequest(hitlPolicy, tool.name, raw, parsed, tool.parameters);
  return hitl ? askDecision(hitl, tool, approversOf(hitlPolicy, parsed)) : Promise.resolve(RUN);
}
