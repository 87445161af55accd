import { formatIdentitySpec, parseIdentitySpec, readIdentitySpec } from '../../../src/client/identitySpec';
import { NotAuthorizedError } from '../../../src/engine/errors';

describe('parseIdentitySpec', () => {
  test.each([
    ['alice', { id: 'alice' }],
    ['alice:finance', { id: 'alice', roles: ['finance'] }],
    ['alice:finance,ops', { id: 'alice', roles: ['finance', 'ops'] }],
    [' alice : finance , ops ', { id: 'alice', roles: ['finance', 'ops'] }],
    ['alice:', { id: 'alice' }],
    ['svc@example.com:deploy', { id: 'svc@example.com', roles: ['deploy'] }],
  ])('reads %j as %j, which formatIdentitySpec writes back', (spec, identity) => {
    expect(parseIdentitySpec(spec)).toEqual(identity);
    expect(parseIdentitySpec(formatIdentitySpec(identity))).toEqual(identity);
  });

  test.each([
    ['', /Cannot act as "" \(written id or id:role1,role2.*id is a string of 1 to 256/],
    [':finance', /Cannot act as ":finance".*id is a string of 1 to 256/],
    ['system', /"system" is reserved/],
    ['x'.repeat(257), /id is a string of 1 to 256/],
    ['alice:finance:ops', /more than one ":"; write id or id:role1,role2/],
  ])('refuses %j NOT_AUTHORIZED, naming the spec and the problem', (spec, message) => {
    expect(() => parseIdentitySpec(spec)).toThrow(NotAuthorizedError);
    expect(() => parseIdentitySpec(spec)).toThrow(message);
  });
});

test('readIdentitySpec gives the problem instead of throwing, for callers with their own error (the HTTP server\'s keys)', () => {
  expect(readIdentitySpec('bob:finance')).toEqual({ identity: { id: 'bob', roles: ['finance'] } });
  expect(readIdentitySpec('system')).toEqual({ problem: expect.stringContaining('reserved') });
});
