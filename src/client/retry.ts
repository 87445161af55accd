// When Temporal cannot be reached, a request's outcome is unknown: it may have been applied. The
// thread handle retries it with the same request id (Temporal dedupes Updates by id) until the
// request timeout has passed since the first failure.
import { isGrpcServiceError, isRetryableError, makeGrpcRetryInterceptor, defaultGrpcRetryOptions } from '@temporalio/client';

/** Default `requestTimeout`: how long a request keeps trying to reach Temporal. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** gRPC status codes (from @grpc/grpc-js, which is not our dependency). */
const GRPC = { CANCELLED: 1, DEADLINE_EXCEEDED: 4, INTERNAL: 13, UNAVAILABLE: 14 } as const;

interface GrpcStatus {
  code: number;
  details: string;
}

/** A gRPC status that means the call did not get an answer from the server: the connection failed or timed out. */
function isConnectionStatus({ code, details }: GrpcStatus): boolean {
  if (code === GRPC.UNAVAILABLE || code === GRPC.DEADLINE_EXCEEDED) return true;
  // Transient HTTP/2 failures surface as INTERNAL (the same test the SDK's retry interceptor makes).
  return code === GRPC.INTERNAL && /RST_STREAM with code [02]|Call ended without gRPC status/i.test(details) && !/SSL alert/i.test(details);
}

/** True when `err` (or an error in its cause chain) says the server could not be reached, so the outcome is unknown. */
export function isUnreachable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (isGrpcServiceError(e)) return isConnectionStatus({ code: e.code, details: e.details });
  }
  return false;
}

/**
 * The gRPC interceptor of the client's connection: the SDK's default retries, except for a server
 * that cannot be reached, which the thread handle retries itself within `requestTimeout`.
 */
export function connectionRetryInterceptor(): ReturnType<typeof makeGrpcRetryInterceptor> {
  const defaults = defaultGrpcRetryOptions();
  return makeGrpcRetryInterceptor({
    delayFunction: defaults.delayFunction,
    retryableDecider: (attempt, status) => defaults.retryableDecider(attempt, status) && isRetryableError(status) && !isConnectionStatus(status),
  });
}

/** How a request retries while the server is unreachable. */
export interface RetryPolicy {
  /** Give up this long after the first failure (ms). */
  timeoutMs: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Calls `attempt` until it settles with anything but an unreachable server. Failures are retried
 * with backoff; when `timeoutMs` has passed since the first failure of an outage, throws
 * `giveUp(lastError, elapsedMs)`. `attempt` calls `progressed()` when it heard from the server, which
 * ends the outage (a later failure starts a new count).
 */
export async function retryWhileUnreachable<T>(
  policy: RetryPolicy,
  attempt: (progressed: () => void) => Promise<T>,
  giveUp: (lastError: unknown, elapsedMs: number) => Error,
): Promise<T> {
  const initial = policy.initialDelayMs ?? 100;
  const max = policy.maxDelayMs ?? 2_000;
  let failures = 0;
  let outageStart = 0;
  const progressed = () => void (failures = 0);
  for (;;) {
    try {
      return await attempt(progressed);
    } catch (err) {
      if (!isUnreachable(err)) throw err;
      const now = Date.now();
      if (failures === 0) outageStart = now;
      failures++;
      const left = outageStart + policy.timeoutMs - now;
      if (left <= 0) throw giveUp(err, now - outageStart);
      const delay = Math.min(max, initial * 1.7 ** (failures - 1)) * (0.8 + Math.random() * 0.4);
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, left)));
    }
  }
}
