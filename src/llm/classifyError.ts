// Which model failures Temporal should retry: a bad key or request never heals, a busy or slow server may.
import { ApplicationFailure } from '@temporalio/common';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';

/** The call that failed, for the message and for telling a timeout apart. */
export interface FailedCall {
  model: string;
  baseURL: string;
  timeoutMs: number;
  elapsedMs: number;
}

/**
 * Turns an SDK error into an ApplicationFailure that tells Temporal whether retrying can help:
 * 401/403 `ModelAuthError` and other 4xx `ModelBadRequest` are not retried; 429 `ModelRateLimited`
 * (after the server's retry-after), 408, 409, 5xx, timeouts and unreachable servers
 * (`ModelUnavailable`) are. Anything else is returned as it is.
 */
export function classifyError(error: unknown, call: FailedCall): unknown {
  const where = `model ${call.model} at ${call.baseURL}`;
  // The elapsed time also catches timeouts the SDK reports as plain connection errors (it does when
  // fetch's AbortError comes from another realm, as under jest).
  const timedOut = error instanceof APIConnectionError && call.elapsedMs >= call.timeoutMs;
  if (error instanceof APIConnectionTimeoutError || timedOut) {
    const message = `No answer from ${where} within ${call.timeoutMs} ms`;
    return ApplicationFailure.create({ message, type: 'ModelUnavailable', cause: error });
  }
  if (error instanceof APIConnectionError) {
    return ApplicationFailure.create({
      message: `Could not reach ${where}: ${error.message}`,
      type: 'ModelUnavailable',
      cause: error,
    });
  }
  if (!isAPIError(error) || error.status === undefined) return error; // not the model's answer: as it is
  const status = error.status;
  const said = `${where} answered ${status}: ${error.message}`;
  if (status === 401 || status === 403) {
    return ApplicationFailure.create({
      message: `${said}. Check OPENAI_API_KEY (or the apiKey given to createLlmActivities)`,
      type: 'ModelAuthError',
      nonRetryable: true,
      cause: error,
    });
  }
  if (status === 429) {
    return ApplicationFailure.create({
      message: said,
      type: 'ModelRateLimited',
      nextRetryDelay: retryAfterMs(error.headers),
      cause: error,
    });
  }
  // Same split as the SDK's own retry rule: timeouts, conflicts and server errors may pass.
  if (status === 408 || status === 409 || status >= 500) {
    return ApplicationFailure.create({ message: said, type: 'ModelUnavailable', cause: error });
  }
  return ApplicationFailure.create({ message: said, type: 'ModelBadRequest', nonRetryable: true, cause: error });
}

// `instanceof` alone narrows to APIError<any, any, any>; the guard keeps the declared field types.
function isAPIError(error: unknown): error is APIError {
  return error instanceof APIError;
}

/** The server's requested wait, from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (ms > 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  const wait = Number.isNaN(seconds) ? Date.parse(value) - Date.now() : seconds * 1000;
  return wait > 0 ? Math.ceil(wait) : undefined;
}
