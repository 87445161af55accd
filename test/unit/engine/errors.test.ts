import {
  DurableGraphError,
  ErrorCode,
  errorFromCode,
  GraphRecursionError,
  GraphValidationError,
  InvalidUpdateError,
  isErrorCode,
} from '../../../src/engine/errors';

const ALL_CODES: ErrorCode[] = [
  'MISSING_THREAD_ID',
  'UNKNOWN_GRAPH',
  'NOTHING_TO_RESUME',
  'UNKNOWN_INTERRUPT_ID',
  'ALREADY_ANSWERED',
  'AMBIGUOUS_RESUME',
  'INVALID_COMMAND',
  'PENDING_INTERRUPT',
  'THREAD_BUSY',
  'INVALID_UPDATE',
  'INVALID_ANSWER',
  'NOT_AUTHORIZED',
  'RECURSION_LIMIT',
  'NODE_FAILED',
  'INVALID_GRAPH',
  'PAYLOAD_TOO_LARGE',
  'INVALID_THREAD_ID',
  'UNAVAILABLE',
  'NAMESPACE_NOT_SET_UP',
];

describe('typed errors', () => {
  test('an error class carries its stable code, its message and its own name', () => {
    const err = new GraphRecursionError('too many steps');
    expect(err.code).toBe('RECURSION_LIMIT');
    expect(err.message).toBe('too many steps');
    expect(err.name).toBe('GraphRecursionError');
  });

  test('every typed error is a DurableGraphError and an Error', () => {
    const err = new GraphValidationError('bad graph');
    expect(err).toBeInstanceOf(GraphValidationError);
    expect(err).toBeInstanceOf(DurableGraphError);
    expect(err).toBeInstanceOf(Error);
  });

  test('the cause given to an error is kept', () => {
    const cause = new Error('underlying');
    expect(new InvalidUpdateError('wrapped', { cause }).cause).toBe(cause);
  });

  test('every code in the contract is recognised', () => {
    for (const code of ALL_CODES) expect(isErrorCode(code)).toBe(true);
  });

  test('strings that are not codes are not recognised, Object.prototype names included', () => {
    for (const value of ['recursion_limit', 'Error', '', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 42, undefined]) {
      expect(isErrorCode(value)).toBe(false);
    }
  });

  test('an error rebuilt from a code that crossed the wire has the class and code of that code', () => {
    for (const code of ALL_CODES) {
      const err = errorFromCode(code, `about ${code}`);
      expect(err).toBeInstanceOf(DurableGraphError);
      expect(err.code).toBe(code);
      expect(err.message).toBe(`about ${code}`);
    }
  });

  test('each code rebuilds a different class, named after it', () => {
    const names = ALL_CODES.map((code) => errorFromCode(code, '').name);
    expect(new Set(names).size).toBe(ALL_CODES.length);
    expect(errorFromCode('RECURSION_LIMIT', '')).toBeInstanceOf(GraphRecursionError);
    expect(errorFromCode('INVALID_GRAPH', '')).toBeInstanceOf(GraphValidationError);
  });

  test('an error rebuilt from a code keeps the cause it was given', () => {
    const cause = { wire: true };
    expect(errorFromCode('NODE_FAILED', 'failed', cause).cause).toBe(cause);
  });
});
