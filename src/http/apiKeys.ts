// The HTTP server's API keys: each key stands for one identity (id, roles, display name), which the
// server passes to the library with every request the key makes (the trust boundary in the README).
// Two sources: DURABLE_GRAPH_API_KEYS for a few keys in the environment, an auth file for more.
import { readIdentitySpec } from '../client/identitySpec';
import { InvalidApiKeysError } from '../engine/errors';
import { identityProblem, type Identity } from '../engine/identity';

/** Key → the identity its requests act as. */
export type ApiKeys = ReadonlyMap<string, Identity>;

/** The shortest key accepted: a guessable key is no authentication. */
export const MIN_KEY_LENGTH = 8;

/**
 * Parses `DURABLE_GRAPH_API_KEYS`: entries separated by `;`, each `key=id:role,role` (roles may be
 * left out: `key=id`). Throws INVALID_API_KEYS naming the entry and what is wrong with it.
 */
export function parseApiKeysVariable(value: string, source = 'DURABLE_GRAPH_API_KEYS'): ApiKeys {
  const keys = new Map<string, Identity>();
  const entries = value.split(';').map((e) => e.trim()).filter((e) => e !== '');
  if (entries.length === 0) throw new InvalidApiKeysError(`${source} has no keys; write "key=id:role,role;key2=id2"`);
  entries.forEach((entry, i) => {
    const where = `${source} entry ${i + 1}`;
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new InvalidApiKeysError(`${where} is not "key=id:role,role" (no "=" after a key)`);
    const key = entry.slice(0, eq).trim();
    const spec = entry.slice(eq + 1);
    const read = readIdentitySpec(spec);
    if ('problem' in read) throw new InvalidApiKeysError(`${where} (identity "${spec.split(':')[0].trim()}"): ${read.problem}`);
    add(keys, key, read.identity, where);
  });
  return keys;
}

/**
 * Parses an auth file's text: JSON `{ "keys": { "<key>": { "id", "roles"?, "name"? } } }`. Throws
 * INVALID_API_KEYS naming the file, the identity and what is wrong.
 */
export function parseAuthFile(text: string, file: string): ApiKeys {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InvalidApiKeysError(`${file} is not JSON (${(err as Error).message}); write { "keys": { "<key>": { "id": "alice", "roles": ["finance"] } } }`);
  }
  const entries = isObject(json) && isObject(json.keys) ? Object.entries(json.keys) : undefined;
  if (!entries) throw new InvalidApiKeysError(`${file} has no "keys" object; write { "keys": { "<key>": { "id": "alice", "roles": ["finance"] } } }`);
  if (entries.length === 0) throw new InvalidApiKeysError(`${file} has no keys`);
  const keys = new Map<string, Identity>();
  entries.forEach(([key, identity], i) => add(keys, key, identity, `${file} key ${i + 1}`));
  return keys;
}

/** Adds one key, refusing a short or repeated key and an identity the library would refuse. */
function add(keys: Map<string, Identity>, key: string, identity: unknown, where: string): void {
  const who = isObject(identity) && typeof identity.id === 'string' ? ` (identity "${identity.id}")` : '';
  // Keys are secrets: messages name the entry and the identity, never the key itself.
  if (key.length < MIN_KEY_LENGTH) throw new InvalidApiKeysError(`${where}${who}: the key is shorter than ${MIN_KEY_LENGTH} characters`);
  if (/\s/.test(key)) throw new InvalidApiKeysError(`${where}${who}: the key contains white space`);
  if (keys.has(key)) throw new InvalidApiKeysError(`${where}${who}: the key is given twice`);
  const problem = identityProblem(identity);
  if (problem) throw new InvalidApiKeysError(`${where}${who}: ${problem}`);
  keys.set(key, identity as Identity);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
