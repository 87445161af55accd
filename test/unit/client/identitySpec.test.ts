import { formatIdentitySpec, parseApiKeySpecs, parseIdentitySpec } from '../../../src/client/identitySpec';
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
  ])('refuses %j NOT_AUTHORIZED, naming the spec and the problem', (spec, message) => {
    expect(() => parseIdentitySpec(spec)).toThrow(NotAuthorizedError);
    expect(() => parseIdentitySpec(spec)).toThrow(message);
  });
});

describe('parseApiKeySpecs', () => {
  test('reads key=identity entries separated by ;', () => {
    expect(parseApiKeySpecs('k1=alice:finance,requester; k2=bob:finance;k3=carol;')).toEqual(
      new Map([
        ['k1', { id: 'alice', roles: ['finance', 'requester'] }],
        ['k2', { id: 'bob', roles: ['finance'] }],
        ['k3', { id: 'carol' }],
      ]),
    );
    expect(parseApiKeySpecs('')).toEqual(new Map());
  });

  test.each([
    ['k1=alice;bob', /API key entry 2 is not key=id:role1,role2/],
    ['=alice', /API key entry 1 is not key=id/],
    ['k1=alice;k1=bob', /API key entry 2 repeats a key/],
    ['k1=alice;secret-key=system', /API key entry 2: Cannot act as "system"/],
  ])('refuses %j naming the entry, never the key', (specs, message) => {
    expect(() => parseApiKeySpecs(specs)).toThrow(message);
    try {
      parseApiKeySpecs(specs);
    } catch (err) {
      expect((err as Error).message).not.toContain('secret-key');
    }
  });
});
