import { operatorAnswerRequest } from '../../../src/runtime/operatorAnswer';

const id = 'a'.repeat(32);

test("an operator's answer is the resume a client sends for that interrupt, by the identity given", () => {
  expect(operatorAnswerRequest({ interruptId: id, answer: { type: 'accept' }, identity: { id: 'fran', roles: ['finance'] } }, 'u1', 'paymentAgent')).toEqual({
    kind: 'run',
    requestId: 'u1',
    by: { id: 'fran', roles: ['finance'] },
    graph: 'paymentAgent',
    input: { lg_name: 'Command', resume: { [id]: { type: 'accept' } } },
    options: {},
  });
  expect(operatorAnswerRequest({ interruptId: id, answer: null }, 'u2', 'g')).not.toHaveProperty('by');
});

test.each([
  ['approve', /takes one object/],
  [{ interruptId: id, answer: 1, note: 'x' }, /not "note"/],
  [{ interruptId: 'abc', answer: 1 }, /interruptId is the pending interrupt's id .*"abc"/],
  [{ interruptId: id }, /answer is missing/],
])('a malformed answer is INVALID_COMMAND naming what is wrong: %j', (argument, message) => {
  expect(() => operatorAnswerRequest(argument, 'u', 'g')).toThrow(expect.objectContaining({ code: 'INVALID_COMMAND', message: expect.stringMatching(message) }));
});
