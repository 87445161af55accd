import { exactInboxAnswer } from '../../../src/http/inboxAnswers';

const ID = 'a'.repeat(32);
const request = {
  id: ID,
  value: {
    action_request: { action: 'pay', args: { payee: 'Initech', amount: 5000, urgent: false, lines: [1, 2], meta: { po: 7 } } },
    config: { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: true },
    description: 'Pay?',
  },
};
const edit = (args: Record<string, unknown>) => [{ type: 'edit', args: { action: 'pay', args } }];

test("Agent Inbox's string fields become the request's types when the conversion is exact", () => {
  const answer = exactInboxAnswer(edit({ payee: 'Initech', amount: '175.5', urgent: 'true', lines: '[3]', meta: '{"po": 8}' }), [request]);
  expect(answer).toEqual(edit({ payee: 'Initech', amount: 175.5, urgent: true, lines: [3], meta: { po: 8 } }));
});

test.each([
  ['amount', '175 EUR', 'not exactly a number'],
  ['amount', '0x10', 'not exactly a number'],
  ['amount', '', 'not exactly a number'],
  ['urgent', 'yes', 'not exactly true or false'],
  ['lines', '{"a": 1}', 'not exactly a JSON array'],
  ['meta', '7', 'not exactly a JSON object'],
])('an inexact %s %j is INVALID_ANSWER naming the field', (field, text, message) => {
  expect(() => exactInboxAnswer(edit({ ...request.value.action_request.args, [field]: text }), [request])).toThrow(
    expect.objectContaining({ code: 'INVALID_ANSWER', message: expect.stringContaining(`$.args.${field}`) }),
  );
  expect(() => exactInboxAnswer(edit({ [field]: text }), [request])).toThrow(expect.objectContaining({ message: expect.stringContaining(message) }));
});

test("an accept carrying the request's own args (as strings) becomes a plain accept; other args are refused", () => {
  const accept = (args: Record<string, unknown>) => [{ type: 'accept', args: { action: 'pay', args } }];
  const same = { payee: 'Initech', amount: '5000', urgent: 'false', lines: '[1,2]', meta: '{"po":7}' };
  expect(exactInboxAnswer(accept(same), [request])).toEqual([{ type: 'accept', args: null }]);
  expect(() => exactInboxAnswer(accept({ ...same, amount: '1' }), [request])).toThrow(expect.objectContaining({ code: 'INVALID_ANSWER' }));
});

test('answers by id are made exact per interrupt; other answers and other interrupts pass unchanged', () => {
  expect(exactInboxAnswer({ [ID]: edit({ amount: '1' }) }, [request])).toEqual({ [ID]: edit({ amount: 1 }) });
  expect(exactInboxAnswer('approve', [request])).toBe('approve');
  expect(exactInboxAnswer(edit({ amount: '1' }), [request, { ...request, id: 'b'.repeat(32) }])).toEqual(edit({ amount: '1' })); // ambiguous: the thread refuses it
  expect(exactInboxAnswer({ type: 'edit', args: { action: 'x', args: { n: '1' } } }, [{ id: ID, value: { question: 'ok?' } }])).toEqual({ type: 'edit', args: { action: 'x', args: { n: '1' } } });
});

test("LangChain v1 decisions: an edited action's string fields are made exact", () => {
  const v1 = { id: ID, value: { actionRequests: [{ name: 'pay', args: { amount: 10 }, description: '' }], reviewConfigs: [] } };
  expect(exactInboxAnswer({ decisions: [{ type: 'edit', editedAction: { name: 'pay', args: { amount: '12' } } }] }, [v1])).toEqual({
    decisions: [{ type: 'edit', editedAction: { name: 'pay', args: { amount: 12 } } }],
  });
  expect(exactInboxAnswer({ type: 'edit', editedAction: { name: 'pay', args: { amount: '12' } } }, [v1])).toEqual({ type: 'edit', editedAction: { name: 'pay', args: { amount: 12 } } });
});
