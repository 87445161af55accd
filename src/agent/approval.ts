import { GraphValidationError } from '../engine/errors';
import { allowedTypes, type HumanInterrupt, type HumanInterruptConfig } from './humanInterrupt';

/**
 * When a tool call waits for a human: `'always'`, `'never'`, or only when `when(args)` says so
 * (always when `when` is left out), with the answers allowed and the text the human reads.
 */
export type ApprovalPolicy<A = any> = // eslint-disable-line @typescript-eslint/no-explicit-any -- each tool has its own argument type
  | 'always'
  | 'never'
  | {
      when?(args: A): boolean;
      /** Answers allowed; each one left out is allowed. */
      config?: Partial<HumanInterruptConfig>;
      /** What the human reads; a function may call getCurrentState(). Defaults to the tool and its args. */
      description?: string | ((args: A) => string);
    };

/** Approval per tool name; tools not listed run without asking (read-only tools). */
export type ApprovalPolicies = Record<string, ApprovalPolicy>;

const ALLOW_ALL: HumanInterruptConfig = { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: true };

/** LangChain's HITL middleware wording, so the request reads as LangGraph users know it. */
export function defaultDescription(action: string, args: Record<string, unknown>): string {
  return `Tool execution requires approval\n\nTool: ${action}\nArgs: ${JSON.stringify(args, null, 2)}`;
}

/** Refuses, at build time, policies naming unknown tools or allowing no answer at all. */
export function checkPolicies(policies: ApprovalPolicies, toolNames: string[]): void {
  for (const [name, policy] of Object.entries(policies)) {
    if (!toolNames.includes(name)) {
      throw new GraphValidationError(`Approval policy names unknown tool "${name}"; tools: ${toolNames.join(', ') || 'none'}`);
    }
    if (policy === 'always' || policy === 'never') continue;
    if (typeof policy !== 'object' || policy === null) {
      throw new GraphValidationError(`Approval policy of "${name}" must be 'always', 'never' or { when?, config?, description? }`);
    }
    if (!allowedTypes({ ...ALLOW_ALL, ...policy.config }).length) {
      throw new GraphValidationError(`Approval policy of "${name}" allows no answer; allow at least one of accept, edit, respond, ignore`);
    }
  }
}

/**
 * The HumanInterrupt a call must wait for, or undefined when it runs without asking. `args` is
 * what the model sent (shown to the human); `parsed` is what the schema made of it (given to `when`).
 */
export function approvalRequest(
  policy: ApprovalPolicy | undefined,
  action: string,
  args: Record<string, unknown>,
  parsed: unknown = args,
): HumanInterrupt | undefined {
  if (policy === undefined || policy === 'never') return undefined;
  const rule = policy === 'always' ? {} : policy;
  if (rule.when && !rule.when(parsed)) return undefined;
  const description = typeof rule.description === 'function' ? rule.description(parsed) : rule.description;
  return {
    action_request: { action, args },
    config: { ...ALLOW_ALL, ...rule.config },
    description: description ?? defaultDescription(action, args),
  };
}
