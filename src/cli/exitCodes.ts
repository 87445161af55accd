/** Exit codes of every command (API.md "CLI"). */
export const EXIT_OK = 0;
/** Refused: the error's code is printed with its message (e.g. STATE_FOLDER_IN_USE). */
export const EXIT_REFUSED = 1;
/** A command line we do not understand: unknown command or option, a missing or extra argument. */
export const EXIT_USAGE = 2;
/** Temporal cannot be reached, started or found. */
export const EXIT_TEMPORAL_UNAVAILABLE = 3;

/** Error codes that mean Temporal is unavailable rather than that the request was refused. */
const UNAVAILABLE_CODES = new Set(['TEMPORAL_NOT_FOUND', 'TEMPORAL_UNAVAILABLE', 'UNAVAILABLE']);
/** gRPC's UNAVAILABLE status. */
const GRPC_UNAVAILABLE = 14;

/** The stable code an error carries (durable-graph's errors have a string `code`), if any. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Matched by name: the Temporal SDK's error classes are not all exported from its public packages. */
function isTemporalUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'TransportError') return true; // a worker's connection (NativeConnection) found nobody listening
  const grpcCode = (err as { code?: unknown }).code ?? (err.cause as { code?: unknown } | undefined)?.code;
  return err.name === 'ServiceError' && grpcCode === GRPC_UNAVAILABLE;
}

/** The exit code for an error a command threw. */
export function exitCodeFor(err: unknown): number {
  const code = errorCode(err);
  if ((code !== undefined && UNAVAILABLE_CODES.has(code)) || isTemporalUnreachable(err)) return EXIT_TEMPORAL_UNAVAILABLE;
  return EXIT_REFUSED;
}

/** The message of what was thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `CODE: message`, or the message alone for an error without a code. */
export function describeError(err: unknown): string {
  const code = errorCode(err);
  return code ? `${code}: ${errorMessage(err)}` : errorMessage(err);
}
