import { threadIdOf } from '../../../src/client/threadId';
import { InvalidThreadIdError, MissingThreadIdError } from '../../../src/engine/errors';

const config = (thread_id: unknown) => ({ configurable: { thread_id } }) as never;

describe('threadIdOf', () => {
  test('a thread id of 1 to 1,000 characters of valid UTF-8 is accepted as it is', () => {
    for (const id of ['a', 'review-001', 'x'.repeat(1000), 'Zoë ✓ 🎉', '日本'.repeat(166)]) expect(threadIdOf(config(id))).toBe(id);
  });

  test('an absent or empty thread id is MISSING_THREAD_ID', () => {
    expect(() => threadIdOf(undefined)).toThrow(MissingThreadIdError);
    expect(() => threadIdOf({ configurable: {} } as never)).toThrow(MissingThreadIdError);
    expect(() => threadIdOf(config(''))).toThrow(MissingThreadIdError);
    expect(() => threadIdOf(config(null))).toThrow(MissingThreadIdError);
  });

  test('a thread id that is not a string is INVALID_THREAD_ID', () => {
    expect(() => threadIdOf(config(42))).toThrow(InvalidThreadIdError);
    expect(() => threadIdOf(config(['a']))).toThrow(/must be a string, got an array/);
  });

  test('a thread id over 1,000 characters is INVALID_THREAD_ID, giving its length', () => {
    expect(() => threadIdOf(config('x'.repeat(1001)))).toThrow(InvalidThreadIdError);
    expect(() => threadIdOf(config('x'.repeat(1001)))).toThrow(/at most 1000 characters; this one has 1001/);
  });

  test('a thread id with a lone surrogate is INVALID_THREAD_ID: it is not valid UTF-8', () => {
    for (const id of ['a\uD800', '\uDFFFb', 'x\uDC00\uD800y']) {
      expect(() => threadIdOf(config(id))).toThrow(InvalidThreadIdError);
      expect(() => threadIdOf(config(id))).toThrow(/valid UTF-8/);
    }
  });

  test('a thread id of at most 1,000 characters but over 1,000 UTF-8 bytes is INVALID_THREAD_ID, saying Temporal counts bytes', () => {
    const id = 'é'.repeat(501); // 501 characters, 1,002 bytes
    expect(() => threadIdOf(config(id))).toThrow(InvalidThreadIdError);
    expect(() => threadIdOf(config(id))).toThrow(/1000 bytes of UTF-8 \(Temporal limits workflow ids by bytes\); this one has 501 characters but 1002 bytes/);
  });

  test('an error keeps its code for callers that switch on it', () => {
    try {
      threadIdOf(config('\uD800'));
    } catch (err) {
      expect((err as InvalidThreadIdError).code).toBe('INVALID_THREAD_ID');
      return;
    }
    throw new Error('expected a refusal');
  });
});
