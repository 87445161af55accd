import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApiKeys } from '../../../src/cli/commands/serve';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'dg-keys-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the auth file wins over DURABLE_GRAPH_API_KEYS; without a file the variable is read', () => {
  const file = join(dir, 'auth.json');
  writeFileSync(file, JSON.stringify({ keys: { 'file-key-01': { id: 'fran', roles: ['finance'] } } }));
  const env = { DURABLE_GRAPH_API_KEYS: 'env-key-001=alice:requester' };
  expect([...loadApiKeys(file, env)]).toEqual([['file-key-01', { id: 'fran', roles: ['finance'] }]]);
  expect([...loadApiKeys(undefined, env)]).toEqual([['env-key-001', { id: 'alice', roles: ['requester'] }]]);
});

test('no keys at all, an unreadable auth file and a malformed variable are INVALID_API_KEYS saying what to fix', () => {
  expect(() => loadApiKeys(undefined, {})).toThrow(expect.objectContaining({ code: 'INVALID_API_KEYS', message: expect.stringContaining('set DURABLE_GRAPH_API_KEYS') }));
  const missing = join(dir, 'nope.json');
  expect(() => loadApiKeys(missing, {})).toThrow(expect.objectContaining({ code: 'INVALID_API_KEYS', message: expect.stringContaining(`The auth file ${missing} cannot be read`) }));
  expect(() => loadApiKeys(undefined, { DURABLE_GRAPH_API_KEYS: 'k1-secret=alice:a:b' })).toThrow(
    expect.objectContaining({ code: 'INVALID_API_KEYS', message: expect.stringContaining('entry 1 (identity "alice"): more than one ":"') }),
  );
});
