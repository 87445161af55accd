import { checkDecision, type DecisionType, type HITLRequest } from '../../../src/agent/hitlDecisions';
import { checkHumanResponse, type HumanInterrupt, type HumanInterruptConfig } from '../../../src/agent/humanInterrupt';
import { answerFor, ownVerbs, REVIEW_VERBS, reviewRequestOf, type ReviewVerb } from '../../../src/agent/reviewVerbs';
import { InvalidAnswerError } from '../../../src/engine/errors';

const ALL_ALLOWED: HumanInterruptConfig = { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: true };
const inbox = (config: Partial<HumanInterruptConfig> = {}): HumanInterrupt => ({
  action_request: { action: 'pay', args: { payee: 'Initech', amount: 5000 } },
  config: { ...ALL_ALLOWED, ...config },
  description: 'Pay 5000?',
});
const decisions = (allowedDecisions: DecisionType[] = ['approve', 'edit', 'reject', 'respond']): HITLRequest => ({
  actionRequests: [{ name: 'send_email', args: { to: 'sam@example.com', subject: 'Hi' }, description: 'Send it?' }],
  reviewConfigs: [{ actionName: 'send_email', allowedDecisions }],
});

describe('reviewRequestOf', () => {
  test('reads an agent-inbox request: the call, its description and the verbs its config allows', () => {
    expect(reviewRequestOf(inbox())).toEqual({
      shape: 'agent-inbox',
      call: { name: 'pay', args: { payee: 'Initech', amount: 5000 } },
      description: 'Pay 5000?',
      verbs: ['approve', 'edit', 'respond', 'reject', 'ignore'],
    });
    expect(reviewRequestOf(inbox({ allow_edit: false, allow_respond: false })).verbs).toEqual(['approve', 'reject', 'ignore']);
    expect(reviewRequestOf(inbox({ allow_ignore: false, allow_respond: false })).verbs).toEqual(['approve', 'edit']);
  });

  test('reads a LangChain v1 request: ignore comes with reject', () => {
    expect(reviewRequestOf(decisions())).toEqual({
      shape: 'decisions',
      call: { name: 'send_email', args: { to: 'sam@example.com', subject: 'Hi' } },
      description: 'Send it?',
      verbs: ['approve', 'edit', 'respond', 'reject', 'ignore'],
    });
    expect(reviewRequestOf(decisions(['approve', 'edit'])).verbs).toEqual(['approve', 'edit']);
  });

  test.each([{ question: 'Pay 700?' }, 'approve?', null, undefined, { action_request: 'pay', config: {} }, { actionRequests: [] , reviewConfigs: [] }])(
    'anything else is a plain interrupt that takes no verb: %j',
    (value) => {
      expect(reviewRequestOf(value)).toEqual({ shape: 'plain', verbs: [] });
    },
  );

  test("menus show each vocabulary's own words: reject is an agent-inbox alias, ignore a LangChain v1 one", () => {
    expect(ownVerbs(reviewRequestOf(inbox()))).toEqual(['approve', 'edit', 'respond', 'ignore']);
    expect(ownVerbs(reviewRequestOf(decisions()))).toEqual(['approve', 'edit', 'respond', 'reject']);
  });
});

describe('answerFor', () => {
  test.each<[ReviewVerb, object, unknown]>([
    ['approve', {}, { type: 'accept', args: null }],
    ['edit', { args: { amount: 4000 } }, { type: 'edit', args: { action: 'pay', args: { payee: 'Initech', amount: 4000 } } }],
    ['respond', { message: 'Pay next month' }, { type: 'response', args: 'Pay next month' }],
    ['reject', { message: 'Not this quarter' }, { type: 'response', args: 'Not this quarter' }],
    ['reject', {}, { type: 'ignore', args: null }],
    ['ignore', {}, { type: 'ignore', args: null }],
  ])('%s %j on an agent-inbox request sends %j, which the request accepts', (verb, details, expected) => {
    const answer = answerFor(verb, inbox(), details);
    expect(answer).toEqual(expected);
    expect(checkHumanResponse(answer, inbox())).toBeUndefined();
  });

  test.each<[ReviewVerb, object, unknown]>([
    ['approve', {}, { type: 'approve' }],
    ['edit', { args: { subject: 'Q3' } }, { type: 'edit', editedAction: { name: 'send_email', args: { to: 'sam@example.com', subject: 'Q3' } } }],
    ['respond', { message: 'Already sent' }, { type: 'respond', message: 'Already sent' }],
    ['reject', { message: 'No' }, { type: 'reject', message: 'No' }],
    ['reject', {}, { type: 'reject' }],
    ['ignore', {}, { type: 'reject' }],
  ])('%s %j on a LangChain v1 request sends %j, which the request accepts', (verb, details, expected) => {
    const answer = answerFor(verb, decisions(), details);
    expect(answer).toEqual(expected);
    expect(checkDecision(answer, decisions())).toBeUndefined();
  });

  test.each(REVIEW_VERBS)('%s on a plain interrupt is refused INVALID_ANSWER, pointing to resume --value', (verb) => {
    expect(() => answerFor(verb, { question: 'Pay 700?' })).toThrow(InvalidAnswerError);
    expect(() => answerFor(verb, { question: 'Pay 700?' })).toThrow(/plain interrupt\(value\).*resume --value JSON.*"question":"Pay 700\?"/);
  });

  test('a verb the request does not take is refused, naming those it takes', () => {
    expect(() => answerFor('edit', inbox({ allow_edit: false }), { args: {} })).toThrow('The request for "pay" does not take "edit"; it takes approve, respond, reject, ignore');
    expect(() => answerFor('respond', decisions(['approve', 'reject']), { message: 'x' })).toThrow(/does not take "respond"; it takes approve, reject, ignore/);
  });

  test('an agent-inbox reject asks for the message where only response refuses, and refuses one where only ignore does', () => {
    expect(() => answerFor('reject', inbox({ allow_ignore: false }))).toThrow(/only with a reason: reject --message TEXT/);
    expect(answerFor('reject', inbox({ allow_ignore: false }), { message: 'Too much' })).toEqual({ type: 'response', args: 'Too much' });
    expect(() => answerFor('reject', inbox({ allow_respond: false }), { message: 'Too much' })).toThrow(/takes no message: reject it without --message/);
    expect(answerFor('reject', inbox({ allow_respond: false }))).toEqual({ type: 'ignore', args: null });
  });

  test('edit needs the arguments to change and respond its message', () => {
    expect(() => answerFor('edit', inbox())).toThrow(/"edit" needs the arguments to change/);
    expect(() => answerFor('respond', decisions(), { message: '  ' })).toThrow(/"respond" needs the message/);
  });
});
