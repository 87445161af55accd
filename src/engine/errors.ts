/** Stable codes a caller can switch on; the same code travels from workflow to client. */
export type ErrorCode =
  | 'MISSING_THREAD_ID'
  | 'UNKNOWN_GRAPH'
  | 'NOTHING_TO_RESUME'
  | 'UNKNOWN_INTERRUPT_ID'
  | 'ALREADY_ANSWERED'
  | 'AMBIGUOUS_RESUME'
  | 'INVALID_COMMAND'
  | 'PENDING_INTERRUPT'
  | 'THREAD_BUSY'
  | 'INVALID_UPDATE'
  | 'INVALID_ANSWER'
  | 'NOT_AUTHORIZED'
  | 'RECURSION_LIMIT'
  | 'NODE_FAILED'
  | 'INVALID_GRAPH'
  | 'PAYLOAD_TOO_LARGE'
  | 'INVALID_THREAD_ID'
  | 'UNAVAILABLE'
  | 'STREAM_EXPIRED'
  | 'INVALID_EVENT_ID'
  | 'NAMESPACE_NOT_SET_UP'
  | 'INVALID_ENCRYPTION_KEYS'
  | 'ENCRYPTION_KEY_MISSING'
  | 'DECRYPTION_FAILED'
  | 'INVALID_API_KEYS';

/** Base class of every error durable-graph throws on purpose. */
export class DurableGraphError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

function errorClass(code: ErrorCode) {
  return class extends DurableGraphError {
    constructor(message: string, options?: { cause?: unknown }) {
      super(code, message, options);
    }
  };
}

export class MissingThreadIdError extends errorClass('MISSING_THREAD_ID') {}
export class UnknownGraphError extends errorClass('UNKNOWN_GRAPH') {}
export class NothingToResumeError extends errorClass('NOTHING_TO_RESUME') {}
export class UnknownInterruptIdError extends errorClass('UNKNOWN_INTERRUPT_ID') {}
export class AlreadyAnsweredError extends errorClass('ALREADY_ANSWERED') {}
export class AmbiguousResumeError extends errorClass('AMBIGUOUS_RESUME') {}
export class InvalidCommandError extends errorClass('INVALID_COMMAND') {}
export class PendingInterruptError extends errorClass('PENDING_INTERRUPT') {}
export class ThreadBusyError extends errorClass('THREAD_BUSY') {}
export class InvalidUpdateError extends errorClass('INVALID_UPDATE') {}
export class InvalidAnswerError extends errorClass('INVALID_ANSWER') {}
export class NotAuthorizedError extends errorClass('NOT_AUTHORIZED') {}
export class GraphRecursionError extends errorClass('RECURSION_LIMIT') {}
export class NodeFailedError extends errorClass('NODE_FAILED') {}
export class GraphValidationError extends errorClass('INVALID_GRAPH') {}
/** Thrown by the client before sending: the request's JSON is larger than `maxRequestBytes`. */
export class PayloadTooLargeError extends errorClass('PAYLOAD_TOO_LARGE') {}
/** Thrown by the client before sending: a thread id longer than 1,000 characters or bytes, or not valid UTF-8. */
export class InvalidThreadIdError extends errorClass('INVALID_THREAD_ID') {}
/** Thrown by the client when Temporal stayed unreachable for `requestTimeout`: the request's outcome is unknown. */
export class UnavailableError extends errorClass('UNAVAILABLE') {}
/** A stream reader fell behind the events the thread keeps (or rejoined too late): it cannot continue without missing events. */
export class StreamExpiredError extends errorClass('STREAM_EXPIRED') {}
/** `lastEventId` is not an event id the thread gave. */
export class InvalidEventIdError extends errorClass('INVALID_EVENT_ID') {}
/**
 * Thrown by the client (before the first start or list), by createWorker and by setupNamespace: the
 * namespace lacks durable-graph's search attributes (or has one with another type), or does not exist.
 */
export class NamespaceNotSetUpError extends errorClass('NAMESPACE_NOT_SET_UP') {}
/** Encryption settings that cannot work: a key that is not 32 bytes, a currentKeyId with no key, DURABLE_GRAPH_ENCRYPTION_KEYS not JSON. */
export class InvalidEncryptionKeysError extends errorClass('INVALID_ENCRYPTION_KEYS') {}
/** A payload is encrypted with a key id this process was not given (the message names it). */
export class EncryptionKeyMissingError extends errorClass('ENCRYPTION_KEY_MISSING') {}
/** An encrypted payload does not authenticate under its key: altered, truncated, or a different key under the same id. */
export class DecryptionFailedError extends errorClass('DECRYPTION_FAILED') {}
/** The HTTP server's API keys cannot be read: DURABLE_GRAPH_API_KEYS or the auth file is malformed (the message says where). */
export class InvalidApiKeysError extends errorClass('INVALID_API_KEYS') {}

const classes: Record<ErrorCode, new (message: string, options?: { cause?: unknown }) => DurableGraphError> = {
  MISSING_THREAD_ID: MissingThreadIdError,
  UNKNOWN_GRAPH: UnknownGraphError,
  NOTHING_TO_RESUME: NothingToResumeError,
  UNKNOWN_INTERRUPT_ID: UnknownInterruptIdError,
  ALREADY_ANSWERED: AlreadyAnsweredError,
  AMBIGUOUS_RESUME: AmbiguousResumeError,
  INVALID_COMMAND: InvalidCommandError,
  PENDING_INTERRUPT: PendingInterruptError,
  THREAD_BUSY: ThreadBusyError,
  INVALID_UPDATE: InvalidUpdateError,
  INVALID_ANSWER: InvalidAnswerError,
  NOT_AUTHORIZED: NotAuthorizedError,
  RECURSION_LIMIT: GraphRecursionError,
  NODE_FAILED: NodeFailedError,
  INVALID_GRAPH: GraphValidationError,
  PAYLOAD_TOO_LARGE: PayloadTooLargeError,
  INVALID_THREAD_ID: InvalidThreadIdError,
  UNAVAILABLE: UnavailableError,
  STREAM_EXPIRED: StreamExpiredError,
  INVALID_EVENT_ID: InvalidEventIdError,
  NAMESPACE_NOT_SET_UP: NamespaceNotSetUpError,
  INVALID_ENCRYPTION_KEYS: InvalidEncryptionKeysError,
  ENCRYPTION_KEY_MISSING: EncryptionKeyMissingError,
  DECRYPTION_FAILED: DecryptionFailedError,
  INVALID_API_KEYS: InvalidApiKeysError,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(classes, value); // not `in`: 'toString' is no code
}

/** Rebuilds the typed error from a code that crossed the wire. */
export function errorFromCode(code: ErrorCode, message: string, cause?: unknown): DurableGraphError {
  return new classes[code](message, { cause });
}
