import { ANONYMOUS, approversProblem, identityProblem, notAllowedBecause } from '../../../src/engine/identity';

describe('identityProblem', () => {
  test.each([
    [{ id: 'alice' }, undefined],
    [{ id: 'alice', roles: ['finance'], name: 'Alice A.' }, undefined],
    [null, /an object/],
    [{ id: '' }, /1 to 256 characters/],
    [{ id: 'x'.repeat(257) }, /1 to 256 characters/],
    [{ id: 'system' }, /reserved/],
    [{ id: 'a', roles: ['finance', ''] }, /non-empty strings/],
    [{ id: 'a', roles: 'finance' }, /non-empty strings/],
    [{ id: 'a', admin: true }, /not "admin"/],
    [{ id: 'a', name: 7 }, /name is a string/],
  ])('%j', (identity, problem) => {
    const found = identityProblem(identity);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });
});

describe('approversProblem', () => {
  test.each([
    [{ roles: ['finance'], notRequester: true, quorum: 2 }, undefined],
    [{}, undefined],
    [{ quorum: 0 }, /at least 1/],
    [{ quorum: 1.5 }, /whole number/],
    [{ users: 'carol' }, /list of user ids/],
    [{ role: ['finance'] }, /has no "role"/],
    [{ requester: '' }, /a user id/],
  ])('%j', (rule, problem) => {
    const found = approversProblem(rule);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });
});

describe('notAllowedBecause', () => {
  const carol = { id: 'carol', roles: ['finance'] };
  test('users or roles: either one suffices', () => {
    expect(notAllowedBecause({ users: ['bob'], roles: ['finance'] }, carol, undefined)).toBeUndefined();
    expect(notAllowedBecause({ users: ['bob'], roles: ['finance'] }, { id: 'bob' }, undefined)).toBeUndefined();
    expect(notAllowedBecause({ users: ['bob'], roles: ['audit'] }, carol, undefined)).toBe('it takes answers from user bob, or role audit; carol has roles finance');
  });

  test('with neither list anyone but anonymous; notRequester removes the requester, whatever their roles', () => {
    expect(notAllowedBecause({}, { id: 'x' }, undefined)).toBeUndefined();
    expect(notAllowedBecause({}, ANONYMOUS, undefined)).toMatch(/not anonymous/);
    expect(notAllowedBecause({ roles: ['finance'], notRequester: true }, carol, 'carol')).toBe('the requester (carol) may not answer it (notRequester)');
    expect(notAllowedBecause({ roles: ['finance'], notRequester: true }, carol, 'alice')).toBeUndefined();
    expect(notAllowedBecause({ notRequester: true }, carol, undefined)).toBeUndefined();
  });
});
