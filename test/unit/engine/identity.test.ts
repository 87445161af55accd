import { ANONYMOUS, approversProblem, identityProblem, notAllowedBecause, widenApprovers } from '../../../src/engine/identity';

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

describe('widenApprovers (an escalation)', () => {
  test('adds users and roles to the rule, keeps its requester, four eyes and quorum', () => {
    const rule = { roles: ['finance'], notRequester: true, requester: 'alice', quorum: 2 };
    expect(widenApprovers(rule, { roles: ['director', 'finance'], users: ['erin'] })).toEqual({
      users: ['erin'],
      roles: ['finance', 'director'],
      notRequester: true,
      requester: 'alice',
      quorum: 2,
    });
  });

  test('a rule with neither list already takes anyone identified: added lists do not narrow it', () => {
    expect(widenApprovers({ notRequester: true }, { roles: ['director'] })).toEqual({ notRequester: true });
  });

  test('notRequester and requester given by the escalation replace the rule\'s', () => {
    expect(widenApprovers({ users: ['bob'], notRequester: true }, { notRequester: false, requester: 'zoe' })).toEqual({ users: ['bob'], notRequester: false, requester: 'zoe' });
  });

  test('everyone the rule allowed is still allowed, and the added role is too', () => {
    const rule = { users: ['bob'], notRequester: true };
    const wider = widenApprovers(rule, { roles: ['director'] });
    expect(notAllowedBecause(wider, { id: 'bob' }, 'alice')).toBeUndefined();
    expect(notAllowedBecause(wider, { id: 'erin', roles: ['director'] }, 'alice')).toBeUndefined();
    expect(notAllowedBecause(wider, { id: 'alice', roles: ['director'] }, 'alice')).toMatch(/notRequester/);
  });
});
