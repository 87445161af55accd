import { parseApiKeysVariable, parseAuthFile } from '../../../src/http/apiKeys';

describe('DURABLE_GRAPH_API_KEYS', () => {
  test('each entry is key=id:roles; roles may be left out; spaces around parts are trimmed', () => {
    const keys = parseApiKeysVariable('k1-secret=alice:finance,requester; k2-secret=bob:finance ;k3-secret=carol');
    expect([...keys]).toEqual([
      ['k1-secret', { id: 'alice', roles: ['finance', 'requester'] }],
      ['k2-secret', { id: 'bob', roles: ['finance'] }],
      ['k3-secret', { id: 'carol' }],
    ]);
  });

  test.each([
    ['', 'has no keys'],
    ['alice:finance', 'entry 1 is not "key=id:role,role"'],
    ['k1-secret=alice:finance;k2-secret=bob:x:y', 'entry 2 (identity "bob"): more than one ":"'],
    ['short=alice', 'entry 1 (identity "alice"): the key is shorter than 8 characters'],
    ['k1-secret=alice;k1-secret=bob', 'entry 2 (identity "bob"): the key is given twice'],
    ['k1-secret=:finance', "an identity's id is a string"],
    ['k1-secret=system', 'reserved'],
  ])('%j is refused with INVALID_API_KEYS naming the entry: %s', (value, message) => {
    expect(() => parseApiKeysVariable(value)).toThrow(expect.objectContaining({ code: 'INVALID_API_KEYS', message: expect.stringContaining(message) }));
  });

  test('a refusal never shows the key itself', () => {
    expect(() => parseApiKeysVariable('k1-secret=alice;k1-secret=bob')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('k1-secret') }));
  });
});

describe('--auth-file', () => {
  test('keys map to identities with roles and a display name', () => {
    const keys = parseAuthFile(JSON.stringify({ keys: { 'alice-key-1': { id: 'alice', roles: ['finance'], name: 'Alice' }, 'bob-key-01': { id: 'bob' } } }), 'auth.json');
    expect(keys.get('alice-key-1')).toEqual({ id: 'alice', roles: ['finance'], name: 'Alice' });
    expect(keys.get('bob-key-01')).toEqual({ id: 'bob' });
  });

  test.each([
    ['{', 'auth.json is not JSON'],
    ['{"alice": {}}', 'auth.json has no "keys" object'],
    ['{"keys": {}}', 'auth.json has no keys'],
    ['{"keys": {"alice-key-1": {"id": "alice", "roles": "finance"}}}', 'auth.json key 1 (identity "alice"): an identity\'s roles are at most 64 non-empty strings'],
    ['{"keys": {"alice-key-1": {"id": "alice", "email": "a@x"}}}', 'not "email"'],
    ['{"keys": {"alice-key-1": "alice"}}', 'an identity is an object'],
  ])('%s is refused with INVALID_API_KEYS: %s', (text, message) => {
    expect(() => parseAuthFile(text, 'auth.json')).toThrow(expect.objectContaining({ code: 'INVALID_API_KEYS', message: expect.stringContaining(message) }));
  });
});
