import { describeError, exitCodeFor } from '../../../src/cli/exitCodes';
import { DevServerStartError } from '../../../src/server/devServer';

function named(name: string, props: object = {}): Error {
  return Object.assign(Object.defineProperty(new Error('boom'), 'name', { value: name }), props);
}

test('an error with a code is a refusal (1) unless the code says Temporal is unavailable (3)', () => {
  expect(exitCodeFor(Object.assign(new Error('x'), { code: 'STATE_FOLDER_IN_USE' }))).toBe(1);
  expect(exitCodeFor(Object.assign(new Error('x'), { code: 'UNAVAILABLE' }))).toBe(3);
  expect(exitCodeFor(Object.assign(new Error('x'), { code: 'TEMPORAL_NOT_FOUND' }))).toBe(3);
  expect(exitCodeFor(new DevServerStartError('temporal dev server exited with code 1 before serving'))).toBe(3);
});

test("the Temporal SDK's connection failures are Temporal unavailable (3)", () => {
  expect(exitCodeFor(named('TransportError'))).toBe(3);
  expect(exitCodeFor(named('ServiceError', { code: 14 }))).toBe(3);
  expect(exitCodeFor(named('ServiceError', { cause: { code: 14 } }))).toBe(3);
  expect(exitCodeFor(named('ServiceError', { code: 3 }))).toBe(1);
});

test('any other error, a bug included, exits 1', () => {
  expect(exitCodeFor(new TypeError('x is not a function'))).toBe(1);
  expect(exitCodeFor('a string')).toBe(1);
});

test('an error is described as CODE: message, or by its message alone without a code', () => {
  expect(describeError(Object.assign(new Error('the folder is in use'), { code: 'STATE_FOLDER_IN_USE' }))).toBe('STATE_FOLDER_IN_USE: the folder is in use');
  expect(describeError(new Error('plain'))).toBe('plain');
});
