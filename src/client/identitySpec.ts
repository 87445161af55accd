// Identities written as text: `id` or `id:role1,role2`, as the command line takes them (`--as`,
// DURABLE_GRAPH_IDENTITY) and the HTTP server's keys name them (DURABLE_GRAPH_API_KEYS, see
// src/http/apiKeys.ts). One format, read in one place.
import { NotAuthorizedError } from '../engine/errors';
import { identityProblem, type Identity } from '../engine/identity';

/** How an identity is written, for messages. */
export const IDENTITY_SPEC_FORMAT = 'id or id:role1,role2 (e.g. alice:finance,ops)';

/**
 * The identity `spec` writes (blanks around the parts dropped; `alice:` has no roles), or why it is
 * no identity a client may send: more than one `:`, an empty id, the reserved `system`, too long.
 */
export function readIdentitySpec(spec: string): { identity: Identity } | { problem: string } {
  const [rawId, rawRoles, ...rest] = spec.split(':');
  if (rest.length) return { problem: `more than one ":"; write ${IDENTITY_SPEC_FORMAT}` };
  const roles = (rawRoles ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
  const identity: Identity = roles.length ? { id: rawId.trim(), roles } : { id: rawId.trim() };
  const problem = identityProblem(identity);
  return problem ? { problem } : { identity };
}

/** The identity `spec` writes; refused NOT_AUTHORIZED, naming the spec and what is wrong, as a client refuses a bad identity. */
export function parseIdentitySpec(spec: string): Identity {
  const read = readIdentitySpec(spec);
  if ('problem' in read) throw new NotAuthorizedError(`Cannot act as ${JSON.stringify(spec)} (written ${IDENTITY_SPEC_FORMAT}): ${read.problem}`);
  return read.identity;
}

/** The text form of an identity, as readIdentitySpec reads it (its name is not part of it). */
export function formatIdentitySpec(identity: Identity): string {
  return identity.roles?.length ? `${identity.id}:${identity.roles.join(',')}` : identity.id;
}
