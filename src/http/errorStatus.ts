// How an error becomes an HTTP answer (API.md, "Precise answers (HTTP)"): the library's refusals
// keep their code and get the status a client can act on; a failure of our own is a 500 whose body
// says nothing of its insides, so that a bug never looks like a refusal the caller caused.
import { DurableGraphError, type ErrorCode } from '../engine/errors';

/** Codes the HTTP layer adds to the library's: what only a server can refuse. */
export type HttpErrorCode =
  | 'UNAUTHENTICATED' // no key, or a key the server does not know
  | 'INVALID_REQUEST' // the body, path or query fails the route's schema; a body that is not JSON
  | 'NOT_FOUND' // no such thread, run or route
  | 'THREAD_EXISTS' // POST /threads with if_exists "raise" for a thread that exists
  | 'UNSUPPORTED' // a feature of the Agent Server protocol durable-graph does not offer
  | 'BODY_TOO_LARGE' // the body exceeds the server's body limit
  | 'INTERNAL'; // a bug or a failure of ours: the log has the details

/** The JSON body of every error answer. */
export interface ErrorBody {
  code: ErrorCode | HttpErrorCode;
  message: string;
  detail?: unknown;
}

/** A refusal decided by the HTTP layer itself. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'HttpRefusal';
  }
}

/**
 * The status of each library code. Codes that are a run's own failure (NODE_FAILED,
 * RECURSION_LIMIT) reach clients in run results, not as statuses; the rest are refusals, except
 * where the server itself is misconfigured (500) or Temporal is away (503).
 */
export const STATUS_OF_CODE: Record<ErrorCode, number> = {
  MISSING_THREAD_ID: 422,
  UNKNOWN_GRAPH: 404,
  NOTHING_TO_RESUME: 409,
  UNKNOWN_INTERRUPT_ID: 422,
  ALREADY_ANSWERED: 409,
  AMBIGUOUS_RESUME: 422,
  INVALID_COMMAND: 422,
  PENDING_INTERRUPT: 409,
  THREAD_BUSY: 409,
  INVALID_UPDATE: 422,
  INVALID_ANSWER: 422,
  NOT_AUTHORIZED: 403,
  RECURSION_LIMIT: 500,
  NODE_FAILED: 500,
  INVALID_GRAPH: 500,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_THREAD_ID: 422,
  UNAVAILABLE: 503,
  STREAM_EXPIRED: 410,
  INVALID_EVENT_ID: 400,
  NAMESPACE_NOT_SET_UP: 503,
  INVALID_ENCRYPTION_KEYS: 500,
  ENCRYPTION_KEY_MISSING: 500,
  DECRYPTION_FAILED: 500,
  INVALID_API_KEYS: 500,
};

/** The status and body for an error thrown while serving a request. */
export function errorAnswer(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof HttpRefusal) {
    return { status: err.status, body: { code: err.code, message: err.message, ...(err.detail === undefined ? {} : { detail: err.detail }) } };
  }
  if (err instanceof DurableGraphError) return { status: STATUS_OF_CODE[err.code], body: { code: err.code, message: err.message } };
  const fastify = fastifyError(err);
  if (fastify) return fastify;
  return { status: 500, body: { code: 'INTERNAL', message: 'The server failed while serving this request; its log has the details' } };
}

/** Fastify's own refusals: a body that fails the route schema, is not JSON, or is too large. */
function fastifyError(err: unknown): { status: number; body: ErrorBody } | undefined {
  const e = err as { validation?: unknown; code?: unknown; statusCode?: unknown; message?: unknown };
  if (typeof e !== 'object' || e === null || typeof e.message !== 'string') return undefined;
  if (e.validation !== undefined) return { status: 400, body: { code: 'INVALID_REQUEST', message: e.message } };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, body: { code: 'BODY_TOO_LARGE', message: e.message } };
  // Content-type and JSON syntax errors: the caller's body, not our failure.
  const fromFastify = (typeof e.code === 'string' && e.code.startsWith('FST_ERR_')) || err instanceof SyntaxError;
  if (fromFastify && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: { code: 'INVALID_REQUEST', message: e.message } };
  }
  return undefined;
}
