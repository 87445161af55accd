import { AlreadyAnsweredError, errorFromCode, isErrorCode, type ErrorCode } from '../../../src/engine/errors';
import { errorAnswer, HttpRefusal, STATUS_OF_CODE } from '../../../src/http/errorStatus';

test.each([
  ['THREAD_BUSY', 409],
  ['PENDING_INTERRUPT', 409],
  ['ALREADY_ANSWERED', 409],
  ['NOTHING_TO_RESUME', 409],
  ['INVALID_COMMAND', 422],
  ['INVALID_UPDATE', 422],
  ['INVALID_ANSWER', 422],
  ['AMBIGUOUS_RESUME', 422],
  ['UNKNOWN_INTERRUPT_ID', 422],
  ['UNKNOWN_GRAPH', 404],
  ['NOT_AUTHORIZED', 403],
  ['PAYLOAD_TOO_LARGE', 413],
  ['UNAVAILABLE', 503],
] as Array<[ErrorCode, number]>)('%s answers %d with the code and the message in the body', (code, status) => {
  expect(errorAnswer(errorFromCode(code, `refused: ${code}`))).toEqual({ status, body: { code, message: `refused: ${code}` } });
});

test('the status map names only library codes (the type makes it name all of them), each with an error status', () => {
  expect(Object.keys(STATUS_OF_CODE).filter((code) => !isErrorCode(code))).toEqual([]);
  expect(Object.values(STATUS_OF_CODE).filter((status) => status < 400 || status >= 600)).toEqual([]);
});

test("a bug in the server's own code is a 500 INTERNAL that says nothing of its insides, never a refusal", () => {
  const answer = errorAnswer(new TypeError("Cannot read properties of undefined (reading 'values')"));
  expect(answer).toEqual({ status: 500, body: { code: 'INTERNAL', message: expect.not.stringContaining('values') } });
  expect(errorAnswer(undefined).status).toBe(500);
});

test('HTTP refusals keep their status, code and detail; fastify schema failures are 400, a too-large body 413', () => {
  expect(errorAnswer(new HttpRefusal(404, 'NOT_FOUND', 'No thread "x"', { thread_id: 'x' }))).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: 'No thread "x"', detail: { thread_id: 'x' } } });
  expect(errorAnswer(Object.assign(new Error('body must have required property'), { validation: [], statusCode: 400 }))).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
  expect(errorAnswer(Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }))).toMatchObject({ status: 413 });
  expect(errorAnswer(new AlreadyAnsweredError('x')).status).toBe(409);
});
