// Who sent a request. The identity is asserted by the client process (see the README's trust
// boundary); the thread records it with every request and checks it against an interrupt's approvers.

export interface Identity {
  /** A stable id: a user name, an email, a service account. */
  id: string;
  roles?: string[];
  /** A display name, for people reading the audit log. */
  name?: string;
}

/** The caller of a client connected without an identity. */
export const ANONYMOUS: Identity = { id: 'anonymous' };
/** Who makes automatic decisions (timeouts, escalations); no client may send it. */
export const SYSTEM_ID = 'system';

const MAX_ID_LENGTH = 256;
const MAX_ROLES = 64;

/** Why `value` is not an identity a client may send, or undefined when it is one. */
export function identityProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'an identity is an object { id, roles?, name? }';
  const { id, roles, name, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) return `an identity has id, roles and name only, not ${extra.map((k) => JSON.stringify(k)).join(', ')}`;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) return `an identity's id is a string of 1 to ${MAX_ID_LENGTH} characters`;
  if (id === SYSTEM_ID) return `the id "${SYSTEM_ID}" is reserved for the thread's own automatic decisions`;
  if (roles !== undefined && (!Array.isArray(roles) || roles.length > MAX_ROLES || roles.some((r) => typeof r !== 'string' || r.length === 0 || r.length > MAX_ID_LENGTH))) {
    return `an identity's roles are at most ${MAX_ROLES} non-empty strings`;
  }
  if (name !== undefined && (typeof name !== 'string' || name.length > MAX_ID_LENGTH)) return `an identity's name is a string of at most ${MAX_ID_LENGTH} characters`;
  return undefined;
}

/** Who may answer an interrupt (API.md, "Identity and who may answer"). */
export interface Approvers {
  /** Ids allowed to answer. */
  users?: string[];
  /** Roles allowed to answer (any one suffices). With neither list, anyone but `anonymous`. */
  roles?: string[];
  /** The requester may not answer (four eyes). */
  notRequester?: boolean;
  /** The requester's id, replacing the identity whose request started the run. */
  requester?: string;
  /** Distinct allowed identities that must answer (default 1). */
  quorum?: number;
}

/** Why `value` is not a valid approvers rule, or undefined. */
export function approversProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'approvers is an object { users?, roles?, notRequester?, requester?, quorum? }';
  const { users, roles, notRequester, requester, quorum, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) return `approvers has no ${extra.map((k) => JSON.stringify(k)).join(', ')}; it takes users, roles, notRequester, requester, quorum`;
  const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0);
  if (users !== undefined && !strings(users)) return 'approvers.users is a list of user ids';
  if (roles !== undefined && !strings(roles)) return 'approvers.roles is a list of role names';
  if (notRequester !== undefined && typeof notRequester !== 'boolean') return 'approvers.notRequester is true or false';
  if (requester !== undefined && (typeof requester !== 'string' || requester.length === 0)) return 'approvers.requester is a user id';
  if (quorum !== undefined && (!Number.isInteger(quorum) || (quorum as number) < 1)) return `approvers.quorum is a whole number of at least 1, got ${JSON.stringify(quorum)}`;
  return undefined;
}

/** A rule in words, for people choosing who answers: `role finance, not the requester (riley), 2 approvals`. */
export function approversInWords(rule: Approvers): string {
  const who = [rule.users?.length ? `user ${rule.users.join(' or ')}` : '', rule.roles?.length ? `role ${rule.roles.join(' or ')}` : ''].filter(Boolean).join(' or ');
  const parts = [who || 'anyone identified'];
  if (rule.notRequester) parts.push(rule.requester ? `not the requester (${rule.requester})` : 'not the requester');
  const quorum = rule.quorum ?? 1;
  if (quorum > 1) parts.push(`${quorum} approvals`);
  return parts.join(', ');
}

/**
 * Why `by` may not answer under `rule` (naming the rule), or undefined when it may. `requester` is
 * the id the rule's notRequester refers to.
 */
export function notAllowedBecause(rule: Approvers, by: Identity, requester: string | undefined): string | undefined {
  if (rule.notRequester && requester !== undefined && by.id === requester) return `the requester (${requester}) may not answer it (notRequester)`;
  const { users, roles } = rule;
  if (users === undefined && roles === undefined) return by.id === ANONYMOUS.id ? 'it needs an identified approver, not anonymous' : undefined;
  if (users?.includes(by.id) || roles?.some((r) => by.roles?.includes(r))) return undefined;
  const wanted = [users?.length ? `user ${users.join(' or ')}` : '', roles?.length ? `role ${roles.join(' or ')}` : ''].filter(Boolean).join(', or ');
  return `it takes answers from ${wanted || 'nobody'}; ${by.id} has ${by.roles?.length ? `roles ${by.roles.join(', ')}` : 'no role'}`;
}

/**
 * The rule an escalation puts in force: its users and roles join the rule's (anyone the rule allowed
 * still may answer), its notRequester and requester replace the rule's when given. A rule with
 * neither list already takes anyone identified, so lists added to it change nothing.
 */
export function widenApprovers(rule: Approvers, wider: Approvers): Approvers {
  const open = rule.users === undefined && rule.roles === undefined;
  const union = (a: string[] | undefined, b: string[] | undefined) => (a || b ? [...new Set([...(a ?? []), ...(b ?? [])])] : undefined);
  const users = open ? undefined : union(rule.users, wider.users);
  const roles = open ? undefined : union(rule.roles, wider.roles);
  const notRequester = wider.notRequester ?? rule.notRequester;
  const requester = wider.requester ?? rule.requester;
  return {
    ...(users ? { users } : {}),
    ...(roles ? { roles } : {}),
    ...(notRequester !== undefined ? { notRequester } : {}),
    ...(requester !== undefined ? { requester } : {}),
    ...(rule.quorum !== undefined ? { quorum: rule.quorum } : {}),
  };
}
