import { checkDecision, unwrapDecision, type DecisionType, type HITLRequest } from '../../../src/agent/hitlDecisions';

const ALL: DecisionType[] = ['approve', 'edit', 'reject', 'respond'];
const request = (allowedDecisions = ALL): HITLRequest => ({
  actionRequests: [{ name: 'send_email', args: { to: 'ada@example.com' }, description: 'Send it?' }],
  reviewConfigs: [{ actionName: 'send_email', allowedDecisions }],
});
const needsTo = (args: Record<string, unknown>) => (typeof args.to === 'string' && args.to.includes('@') ? undefined : 'to: Invalid email address');
const EDIT = { type: 'edit', editedAction: { name: 'send_email', args: { to: 'bob@example.com' } } };

describe('checkDecision', () => {
  test.each([{ type: 'approve' }, EDIT, { type: 'reject' }, { type: 'reject', message: 'Not today.' }, { type: 'respond', message: 'Already sent.' }])(
    'accepts %j when it is allowed',
    (decision) => {
      expect(checkDecision(decision, request(), needsTo)).toBeUndefined();
    },
  );

  test('accepts the decision alone or wrapped in { decisions: [decision] }', () => {
    expect(checkDecision({ decisions: [{ type: 'approve' }] }, request())).toBeUndefined();
    expect(checkDecision({ type: 'approve' }, request())).toBeUndefined();
  });

  test('refuses any other number of decisions, naming the count', () => {
    expect(checkDecision({ decisions: [] }, request())).toBe('the request for "send_email" takes exactly one decision, got 0');
    expect(checkDecision({ decisions: [{ type: 'approve' }, { type: 'approve' }] }, request())).toMatch(/exactly one decision, got 2/);
    expect(checkDecision({ decisions: { type: 'approve' } }, request())).toMatch(/'decisions' must be an array/);
  });

  test.each([null, 'approve', 42, [], [{ type: 'approve' }], { type: 'accept', args: null }, { type: 'toString' }, {}])('refuses %j as malformed', (answer) => {
    expect(checkDecision(answer, request())).toBe("send { decisions: [{ type: 'approve' | 'edit' | 'reject' | 'respond', ... }] } or the decision alone");
  });

  test('refuses a decision type the review config does not allow, naming those it does', () => {
    expect(checkDecision({ type: 'edit', editedAction: EDIT.editedAction }, request(['approve', 'reject']))).toBe(
      `the request for "send_email" does not allow 'edit'; allowed: approve, reject`,
    );
    expect(checkDecision({ decisions: [{ type: 'respond', message: 'x' }] }, request(['approve']))).toMatch(/does not allow 'respond'/);
  });

  test('an edit must keep the tool and pass its schema', () => {
    expect(checkDecision({ type: 'edit', editedAction: { name: 'search_web', args: {} } }, request(), needsTo)).toBe(
      'an edit must keep the tool "send_email", got "search_web"',
    );
    expect(checkDecision({ type: 'edit', editedAction: { name: 'send_email', args: { to: 'nobody' } } }, request(), needsTo)).toBe(
      'edited args for "send_email" are invalid: to: Invalid email address',
    );
    expect(checkDecision({ type: 'edit', args: { to: 'bob@example.com' } }, request(), needsTo)).toMatch(/'edit' takes editedAction: \{ name, args \}/);
    expect(checkDecision({ type: 'edit', editedAction: { name: 'send_email', args: 'to bob' } }, request(), needsTo)).toMatch(/takes editedAction/);
  });

  test('respond needs a non-empty message; a reject message, when given, is a string', () => {
    expect(checkDecision({ type: 'respond' }, request())).toMatch(/'respond' takes message/);
    expect(checkDecision({ type: 'respond', message: '  ' }, request())).toMatch(/'respond' takes message/);
    expect(checkDecision({ type: 'reject', message: 42 }, request())).toMatch(/'reject' takes an optional message/);
  });
});

describe('unwrapDecision', () => {
  test('takes the one decision out of { decisions }, and leaves a bare decision as it is', () => {
    expect(unwrapDecision({ decisions: [{ type: 'approve' }] })).toEqual({ type: 'approve' });
    expect(unwrapDecision({ type: 'reject' })).toEqual({ type: 'reject' });
  });
});
