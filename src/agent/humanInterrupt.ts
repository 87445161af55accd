// LangGraph's agent-inbox shapes (`@langchain/langgraph/prebuilt` interrupt.ts), so inbox UIs work as they are.
import { isPlainObject } from '../engine/state';

/** The call a human is asked about: the tool's name and the arguments the model gave. */
export interface ActionRequest {
  action: string;
  args: Record<string, unknown>;
}

/** Which answers a request allows. */
export interface HumanInterruptConfig {
  allow_ignore: boolean;
  allow_respond: boolean;
  allow_edit: boolean;
  allow_accept: boolean;
}

/** The value of a tool-level interrupt: one pending tool call and how it may be answered. */
export interface HumanInterrupt {
  action_request: ActionRequest;
  config: HumanInterruptConfig;
  description?: string;
}

/**
 * A human's answer to a HumanInterrupt: run the call as is, run an edited call instead, send the
 * model a message in place of the call, or skip the call.
 */
export type HumanResponse =
  | { type: 'accept'; args: null }
  | { type: 'edit'; args: ActionRequest }
  | { type: 'response'; args: string }
  | { type: 'ignore'; args: null };

/** Whether an interrupt's value is an agent-inbox request (a HumanInterrupt). */
export function isHumanInterrupt(value: unknown): value is HumanInterrupt {
  const v = value as HumanInterrupt | undefined;
  return isPlainObject(v?.action_request) && typeof v.action_request.action === 'string' && isPlainObject(v.config);
}

/** Checks edited arguments against the tool's schema: why they are refused, or undefined. */
export type ArgsCheck = (args: Record<string, unknown>) => string | undefined;

const ALLOW: Record<HumanResponse['type'], keyof HumanInterruptConfig> = {
  accept: 'allow_accept',
  edit: 'allow_edit',
  response: 'allow_respond',
  ignore: 'allow_ignore',
};

/** The answer types a request allows, in the inbox's order. */
export function allowedTypes(config: HumanInterruptConfig): Array<HumanResponse['type']> {
  return (Object.keys(ALLOW) as Array<HumanResponse['type']>).filter((type) => config[ALLOW[type]]);
}

/** Agent Inbox resumes with `[HumanResponse]`: unwraps a one-element array, leaves anything else as it is. */
export function unwrapResponse(answer: unknown): unknown {
  return Array.isArray(answer) && answer.length === 1 ? answer[0] : answer;
}

/**
 * Why `answer` is not an acceptable HumanResponse to `request` (refused at the update as
 * INVALID_ANSWER), or undefined when it is. `checkArgs` holds edited arguments to the tool's schema.
 */
export function checkHumanResponse(answer: unknown, request: HumanInterrupt, checkArgs?: ArgsCheck): string | undefined {
  if (Array.isArray(answer) && answer.length !== 1) {
    return `answer with one HumanResponse (or a one-element array), got an array of ${answer.length}`;
  }
  const response = unwrapResponse(answer);
  const allowed = allowedTypes(request.config);
  const expected = `send a HumanResponse { type: ${allowed.map((t) => `'${t}'`).join(' | ')}, args }`;
  // Object.hasOwn, not `in`: 'toString' is no answer type.
  if (!isPlainObject(response) || typeof response.type !== 'string' || !Object.hasOwn(ALLOW, response.type)) return expected;
  const type = response.type as HumanResponse['type'];
  const action = request.action_request.action;
  if (!request.config[ALLOW[type]]) {
    return `the request for "${action}" does not allow '${type}'; allowed: ${allowed.join(', ')}`;
  }
  const args = response.args;
  switch (type) {
    case 'accept':
    case 'ignore':
      return args === null || args === undefined ? undefined : `'${type}' takes args: null`;
    case 'response':
      return typeof args === 'string' && args.trim() !== '' ? undefined : "'response' takes args: the message for the model (a non-empty string)";
    case 'edit': {
      if (!isPlainObject(args) || typeof args.action !== 'string' || !isPlainObject(args.args)) {
        return "'edit' takes args: { action, args } (the call to make instead)";
      }
      if (args.action !== action) return `an edit must keep the action "${action}", got "${args.action}"`;
      const why = checkArgs?.(args.args);
      return why ? `edited args for "${action}" are invalid: ${why}` : undefined;
    }
  }
}
