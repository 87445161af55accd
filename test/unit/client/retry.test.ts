import { isUnreachable, retryWhileUnreachable } from '../../../src/client/retry';

/** An error shaped as @grpc/grpc-js makes them (what @temporalio/client wraps as `cause`). */
function grpcError(code: number, details = 'details'): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}
const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;

describe('isUnreachable', () => {
  test('UNAVAILABLE and DEADLINE_EXCEEDED mean the outcome is unknown, directly or as a cause', () => {
    expect(isUnreachable(grpcError(UNAVAILABLE, 'No connection established'))).toBe(true);
    expect(isUnreachable(grpcError(DEADLINE_EXCEEDED))).toBe(true);
    expect(isUnreachable(new Error('Workflow Update failed', { cause: grpcError(UNAVAILABLE) }))).toBe(true);
  });

  test('a transient HTTP/2 reset is unreachable too, a TLS failure is not', () => {
    expect(isUnreachable(grpcError(13, 'Received RST_STREAM with code 2 triggered by internal client error'))).toBe(true);
    expect(isUnreachable(grpcError(13, 'Received RST_STREAM with code 2 (SSL alert number 40)'))).toBe(false);
  });

  test('answers from the server and plain errors are not', () => {
    expect(isUnreachable(grpcError(5, 'workflow not found'))).toBe(false);
    expect(isUnreachable(grpcError(3, 'invalid argument'))).toBe(false);
    expect(isUnreachable(new Error('boom'))).toBe(false);
    expect(isUnreachable(undefined)).toBe(false);
  });
});

describe('retryWhileUnreachable', () => {
  const giveUp = (err: unknown, elapsed: number) => Object.assign(new Error(`gave up after ${elapsed} ms`), { last: err });

  test('an unreachable failure is retried until the attempt succeeds', async () => {
    let calls = 0;
    const result = await retryWhileUnreachable({ timeoutMs: 5_000, initialDelayMs: 1 }, async () => {
      if (++calls < 4) throw grpcError(UNAVAILABLE);
      return 'done';
    }, giveUp);
    expect(result).toBe('done');
    expect(calls).toBe(4);
  });

  test('any other failure is thrown at once, untouched', async () => {
    let calls = 0;
    const refusal = new Error('refused');
    await expect(retryWhileUnreachable({ timeoutMs: 5_000 }, async () => {
      calls++;
      throw refusal;
    }, giveUp)).rejects.toBe(refusal);
    expect(calls).toBe(1);
  });

  test('when the timeout has passed since the first failure, giveUp gets the last error and the time spent', async () => {
    const started = Date.now();
    const last = grpcError(UNAVAILABLE, 'last');
    const err = await retryWhileUnreachable({ timeoutMs: 300, initialDelayMs: 20, maxDelayMs: 50 }, async () => {
      throw last;
    }, giveUp).catch((e: unknown) => e as Error & { last: unknown });
    expect(err.message).toMatch(/^gave up after \d+ ms$/);
    expect(err.last).toBe(last);
    const spent = Date.now() - started;
    expect(spent).toBeGreaterThanOrEqual(300);
    expect(spent).toBeLessThan(2_000);
  });

  test('hearing from the server ends an outage: a later failure gets a full timeout again', async () => {
    // Two outages of 600 ms each with progress in between: 1.2 s of failures in all, over a 1 s timeout.
    let outageStart = Date.now();
    let outages = 1;
    const result = await retryWhileUnreachable({ timeoutMs: 1_000, initialDelayMs: 10, maxDelayMs: 20 }, async (progressed) => {
      if (Date.now() - outageStart < 600) throw grpcError(UNAVAILABLE);
      if (outages === 2) return 'done';
      outages = 2;
      outageStart = Date.now();
      progressed();
      throw grpcError(UNAVAILABLE);
    }, giveUp);
    expect(result).toBe('done');
  });
});
