import type { RetryPolicy } from '../engine/types';

/** A node's retry policy with LangGraph's defaults filled in (activities keep Temporal's own retries). */
export const DEFAULT_NODE_RETRY: Required<Omit<RetryPolicy, 'retryOn'>> = {
  maxAttempts: 3,
  initialInterval: 500,
  backoffFactor: 2,
  maxInterval: 128_000,
};

/** Milliseconds to wait before attempt `attempt + 1`, or undefined when the node should fail now. */
export function retryDelay(policy: RetryPolicy | undefined, attempt: number, error: unknown): number | undefined {
  if (!policy) return undefined;
  const p = { ...DEFAULT_NODE_RETRY, ...policy };
  if (attempt >= p.maxAttempts || !(policy.retryOn?.(error) ?? true)) return undefined;
  return Math.min(p.initialInterval * Math.pow(p.backoffFactor, attempt - 1), p.maxInterval);
}
