import { GraphValidationError } from '../engine/errors';
import { approversProblem, type Approvers } from '../engine/identity';
import { DECISION_TYPES, type DecisionType, type HITLRequest } from './hitlDecisions';
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
      /**
       * Who may answer (default anyone), e.g. by amount: `(p) => ({ roles: ['finance'], quorum: p.amount > 10_000 ? 2 : 1 })`;
       * a function returning undefined lets anyone answer (e.g. behind `patched()` for threads already waiting).
       */
      approvers?: Approvers | ((args: A) => Approvers | undefined);
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
    checkApprovers(policy.approvers, `Approval policy of "${name}"`);
    if (!allowedTypes({ ...ALLOW_ALL, ...policy.config }).length) {
      throw new GraphValidationError(`Approval policy of "${name}" allows no answer; allow at least one of accept, edit, respond, ignore`);
    }
  }
}

/**
 * The HumanInterrupt a call must wait for, or undefined when it runs without asking. `args` is
 * what the model sent (shown to the human); `parsed` is what the schema made of it (given to `when`).
 * `argsSchema`, the tool's JSON Schema, goes with the request when edits are allowed (for edit forms).
 */
export function approvalRequest(
  policy: ApprovalPolicy | undefined,
  action: string,
  args: Record<string, unknown>,
  parsed: unknown = args,
  argsSchema?: Record<string, unknown>,
): HumanInterrupt | undefined {
  if (policy === undefined || policy === 'never') return undefined;
  const rule = policy === 'always' ? {} : policy;
  if (rule.when && !rule.when(parsed)) return undefined;
  const description = typeof rule.description === 'function' ? rule.description(parsed) : rule.description;
  const config = { ...ALLOW_ALL, ...rule.config };
  return {
    action_request: { action, args },
    config,
    description: description ?? defaultDescription(action, args),
    ...(config.allow_edit && argsSchema ? { args_schema: argsSchema } : {}),
  };
}

/**
 * LangChain v1's `interruptOn` entry for one tool: `true` asks with every decision allowed, `false`
 * never asks, or a config naming the decisions allowed (and when to ask at all).
 */
export type InterruptOnPolicy<A = any> = // eslint-disable-line @typescript-eslint/no-explicit-any -- each tool has its own argument type
  | boolean
  | {
      allowedDecisions: DecisionType[];
      /** What the human reads; defaults to the tool and its args. */
      description?: string | ((args: A) => string);
      /** The JSON Schema of the arguments an edit may send, shown to the reviewing UI. */
      argsSchema?: Record<string, unknown>;
      /** Ask only when this says so (always when left out). */
      when?(args: A): boolean;
      /** Who may decide (default anyone); may depend on the call's arguments. */
      approvers?: Approvers | ((args: A) => Approvers | undefined);
    };

/** `interruptOn` per tool name; tools not listed run without asking. */
export type InterruptOnPolicies = Record<string, InterruptOnPolicy>;

/**
 * Refuses, at build time, `interruptOn` entries naming unknown tools, allowing no (or an unknown)
 * decision, or naming a tool the agent-inbox `approval` option already covers.
 */
export function checkInterruptOn(interruptOn: InterruptOnPolicies, toolNames: string[], approval: ApprovalPolicies): void {
  for (const [name, policy] of Object.entries(interruptOn)) {
    if (!toolNames.includes(name)) {
      throw new GraphValidationError(`interruptOn names unknown tool "${name}"; tools: ${toolNames.join(', ') || 'none'}`);
    }
    if (Object.hasOwn(approval, name)) {
      throw new GraphValidationError(`Tool "${name}" is in both approval and interruptOn; keep it in one of them`);
    }
    if (typeof policy === 'boolean') continue;
    if (typeof policy !== 'object' || policy === null || !Array.isArray(policy.allowedDecisions)) {
      throw new GraphValidationError(`interruptOn of "${name}" must be true, false or { allowedDecisions, description?, argsSchema?, when? }`);
    }
    checkApprovers(policy.approvers, `interruptOn of "${name}"`);
    if (!policy.allowedDecisions.length) {
      throw new GraphValidationError(`interruptOn of "${name}" allows no decision; allow at least one of ${DECISION_TYPES.join(', ')}`);
    }
    const unknown = policy.allowedDecisions.filter((d) => !DECISION_TYPES.includes(d));
    if (unknown.length) {
      throw new GraphValidationError(`interruptOn of "${name}" allows unknown decision(s) ${unknown.join(', ')}; decisions: ${DECISION_TYPES.join(', ')}`);
    }
  }
}

/**
 * The HITLRequest a call must wait for, or undefined when it runs without asking. `args` is what
 * the model sent (shown to the human); `parsed` is what the schema made of it (given to `when`).
 * The review config's `argsSchema` is the policy's, else the tool's (`toolSchema`) when edits are allowed.
 */
export function hitlRequest(
  policy: InterruptOnPolicy | undefined,
  name: string,
  args: Record<string, unknown>,
  parsed: unknown = args,
  toolSchema?: Record<string, unknown>,
): HITLRequest | undefined {
  if (policy === undefined || policy === false) return undefined;
  const rule = policy === true ? { allowedDecisions: [...DECISION_TYPES] } : policy;
  if (rule.when && !rule.when(parsed)) return undefined;
  const description = typeof rule.description === 'function' ? rule.description(parsed) : rule.description;
  const argsSchema = rule.argsSchema ?? (rule.allowedDecisions.includes('edit') ? toolSchema : undefined);
  return {
    actionRequests: [{ name, args, description: description ?? defaultDescription(name, args) }],
    reviewConfigs: [{ actionName: name, allowedDecisions: [...rule.allowedDecisions], ...(argsSchema ? { argsSchema } : {}) }],
  };
}

/** Who may answer a call under its policy (anyone when the policy names no approvers). */
export function approversOf(policy: ApprovalPolicy | InterruptOnPolicy | undefined, parsed: unknown): Approvers | undefined {
  if (typeof policy !== 'object' || policy === null || policy.approvers === undefined) return undefined;
  return typeof policy.approvers === 'function' ? policy.approvers(parsed) : policy.approvers;
}

/** A fixed approvers rule is checked when the agent is built; one computed from the arguments when the call asks. */
function checkApprovers(approvers: unknown, what: string): void {
  if (approvers === undefined || typeof approvers === 'function') return;
  const problem = approversProblem(approvers);
  if (problem) throw new GraphValidationError(`${what}: ${problem}`);
}
