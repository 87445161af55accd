import type { HITLRequest } from '../../../../src/agent/hitlDecisions';
import type { HumanInterrupt } from '../../../../src/agent/humanInterrupt';
import { describeApprovers, requestView, statedRequester, type PendingInterrupt } from '../../../../src/http/inbox/requestView';

const thread = { threadId: 'pay-1', graph: 'paymentAgent' };
const riley = { id: 'riley', roles: ['operations'] };
const fran = { id: 'fran', roles: ['finance'] };
const gus = { id: 'gus', roles: ['finance'] };
const ID = 'a'.repeat(32);

const payment: HumanInterrupt = {
  action_request: { action: 'pay', args: { payee: 'Initech', amount: 5000 } },
  config: { allow_accept: true, allow_edit: false, allow_respond: true, allow_ignore: true },
  description: 'Payment of 5000 EUR to Initech',
};
const financeRule = { roles: ['finance'], notRequester: true, requester: 'riley', quorum: 1 };
const pending = (over: Partial<PendingInterrupt> = {}): PendingInterrupt => ({ id: ID, value: payment, approvers: financeRule, approvals: [], raisedAt: '2026-01-01T00:00:00.000Z', ...over });

describe('requestView', () => {
  test('an agent-inbox tool call shows the call in one line, its description and only the answers its config allows', () => {
    expect(requestView(thread, pending(), fran, riley)).toMatchObject({
      threadId: 'pay-1',
      graph: 'paymentAgent',
      interruptId: ID,
      kind: 'tool-call',
      summary: 'pay(payee: Initech, amount: 5000)',
      description: 'Payment of 5000 EUR to Initech',
      action: { name: 'pay', args: { payee: 'Initech', amount: 5000 } },
      answers: ['accept', 'response', 'ignore'],
      requester: riley,
      raisedAt: '2026-01-01T00:00:00.000Z',
      approversText: 'role finance, not the requester (riley)',
      mayAnswer: true,
    });
  });

  test('the requester may not answer their own payment, and is told why in the words of the rule', () => {
    const view = requestView(thread, pending(), { id: 'riley', roles: ['finance'] }, riley);
    expect(view.mayAnswer).toBe(false);
    expect(view.whyNot).toBe('You may not answer: the requester (riley) may not answer it (notRequester).');
  });

  test('someone without the role may not answer', () => {
    expect(requestView(thread, pending(), { id: 'bob' }, riley).whyNot).toBe('You may not answer: it takes answers from role finance; bob has no role.');
  });

  test('an approver whose approval is counted toward a quorum is not asked again', () => {
    const view = requestView(thread, pending({ approvers: { ...financeRule, quorum: 2 }, approvals: [{ by: fran, at: '2026-01-01T00:01:00.000Z' }] }), fran, riley);
    expect(view).toMatchObject({ mayAnswer: false, whyNot: 'You have approved it; it waits for 1 more approval.', approversText: 'role finance, not the requester (riley), 2 approvals' });
    expect(requestView(thread, pending({ approvers: { ...financeRule, quorum: 2 }, approvals: [{ by: fran, at: 'x' }] }), gus, riley).mayAnswer).toBe(true);
  });

  test('an interrupt without approvers takes answers from anyone, anonymous included', () => {
    const view = requestView(thread, pending({ approvers: undefined }), { id: 'anonymous' });
    expect(view).toMatchObject({ mayAnswer: true, approversText: 'anyone' });
    expect(view).not.toHaveProperty('requester');
  });

  test('a LangChain v1 request shows its action, the decisions allowed and the schema for the edit form', () => {
    const argsSchema = { type: 'object', properties: { amount: { type: 'number' } } };
    const value: HITLRequest = {
      actionRequests: [{ name: 'pay', args: { amount: 5000 }, description: 'Pay 5000?' }],
      reviewConfigs: [{ actionName: 'pay', allowedDecisions: ['approve', 'edit', 'reject'], argsSchema }],
    };
    expect(requestView(thread, pending({ value }), fran)).toMatchObject({
      kind: 'decision',
      summary: 'pay(amount: 5000)',
      description: 'Pay 5000?',
      action: { name: 'pay', args: { amount: 5000 }, argsSchema },
      answers: ['approve', 'edit', 'reject'],
    });
  });

  test.each([
    ['a string', 'Deploy to production?', 'Deploy to production?'],
    ['an object with a question', { question: 'Approve this action?', planned_action: 'delete' }, 'Approve this action?'],
    ['any other JSON', { n: 1 }, '{"n":1}'],
    ['nothing', undefined, '(no value)'],
  ])('a plain interrupt(value) with %s is a question answered with any value', (_, value, summary) => {
    expect(requestView(thread, pending({ value, approvers: undefined }), fran)).toMatchObject({ kind: 'question', summary, answers: ['value'] });
  });

  test('a long request is cut to one line for the list', () => {
    const summary = requestView(thread, pending({ value: `Line one\n${'x'.repeat(300)}` }), fran).summary;
    expect(summary).toHaveLength(140);
    expect(summary).toMatch(/^Line one x+…$/);
  });
});

describe('statedRequester', () => {
  test("the interrupt's own requester comes first, then the one its approvers name", () => {
    expect(statedRequester(pending({ requester: { id: 'riley', name: 'Riley' } }))).toEqual({ id: 'riley', name: 'Riley' });
    expect(statedRequester(pending())).toEqual({ id: 'riley' });
    expect(statedRequester(pending({ approvers: undefined }))).toBeUndefined();
  });
});

test('describeApprovers puts users and roles, the requester rule and the quorum in words', () => {
  expect(describeApprovers({ users: ['ada', 'bob'], roles: ['finance'], notRequester: true, quorum: 3 })).toBe('user ada or bob or role finance, not the requester, 3 approvals');
  expect(describeApprovers({})).toBe('anyone identified');
});
