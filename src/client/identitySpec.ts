// Identities written as text, for the command line (`--as`, DURABLE_GRAPH_IDENTITY) and the HTTP
// server's keys (DURABLE_GRAPH_API_KEYS): one format, parsed in one place.
import { NotAuthorizedError } from '../engine/errors';
import { identityProblem, type Identity } from '../engine/identity';

/**
 * `id` or `id:role1,role2` (e.g. `alice:finance,ops`) as an Identity; blanks around the parts are
 * dropped. Refused NOT_AUTHORIZED, naming the spec and what is wrong, when it is no identity a
 * client may send (empty id, the reserved `system`, too long).
 */
export function parseIdentitySpec(spec: string): Identity {
  const colon = spec.indexOf(':');
  const id = (colon < 0 ? spec : spec.slice(0, colon)).trim();
  const roles = colon < 0 ? [] : spec.slice(colon + 1).split(',').map((r) => r.trim()).filter((r) => r !== '');
  const identity: Identity = roles.length ? { id, roles } : { id };
  const problem = identityProblem(identity);
  if (problem) throw new NotAuthorizedError(`Cannot act as ${JSON.stringify(spec)} (written id or id:role1,role2, e.g. alice:finance,ops): ${problem}`);
  return identity;
}

/** The text form of an identity, as parseIdentitySpec reads it (its name is not part of it). */
export function formatIdentitySpec(identity: Identity): string {
  return identity.roles?.length ? `${identity.id}:${identity.roles.join(',')}` : identity.id;
}

/**
 * API keys and who each one is: `key=id:role1,role2;key2=id2` (DURABLE_GRAPH_API_KEYS), e.g.
 * `k1=alice:finance,requester;k2=bob:finance`. Refused NOT_AUTHORIZED, naming the entry, for an entry
 * without `=`, an empty key, a key given twice or an identity parseIdentitySpec refuses.
 */
export function parseApiKeySpecs(specs: string): Map<string, Identity> {
  const keys = new Map<string, Identity>();
  const entries = specs.split(';').map((e) => e.trim()).filter((e) => e !== '');
  entries.forEach((entry, i) => {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? '' : entry.slice(0, eq).trim();
    // The key itself is a secret: messages name the entry by its place and identity, never the key.
    const which = `API key entry ${i + 1}`;
    if (eq < 0 || key === '') throw new NotAuthorizedError(`${which} is not key=id:role1,role2 (entries are separated by ';')`);
    if (keys.has(key)) throw new NotAuthorizedError(`${which} repeats a key given earlier; each key names one identity`);
    try {
      keys.set(key, parseIdentitySpec(entry.slice(eq + 1)));
    } catch (err) {
      throw new NotAuthorizedError(`${which}: ${(err as Error).message}`);
    }
  });
  return keys;
}
