import { interrupt } from '../runtime/interrupt';
import { approvalRequest, hitlRequest, type ApprovalPolicies, type InterruptOnPolicies } from './approval';
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

async function askInbox(request: HumanInterrupt, tool: Tool): Promise<Review> {
  const answer = await interrupt(request, { validate: (a) => checkHumanResponse(a, request, argsCheck(tool)) });
  const response = unwrapResponse(answer) as HumanResponse;
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

async function askDecision(request: HITLRequest, tool: Tool): Promise<Review> {
  const answer = await interrupt(request, { validate: (a) => checkDecision(a, request, argsCheck(tool)) });
  const decision = unwrapDecision(answer) as Decision;
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
  const inbox = approvalRequest(policies.approval[tool.name], tool.name, raw, parsed);
  if (inbox) return askInbox(inbox, tool);
  const hitl = hitlRequest(policies.interruptOn[tool.name], tool.name, raw, parsed);
  return hitl ? askDecision(hitl, tool) : Promise.resolve(RUN);
}
