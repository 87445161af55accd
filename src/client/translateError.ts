import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { DurableGraphError, errorFromCode, isErrorCode } from '../engine/errors';

/** Turns a refusal that crossed Temporal into the typed error with its code; the Temporal error stays as cause. */
export function translateError(err: unknown): unknown {
  if (err instanceof DurableGraphError) return err;
  const failure = err instanceof WorkflowUpdateFailedError ? err.cause : err;
  if (failure instanceof ApplicationFailure && isErrorCode(failure.type)) {
    return errorFromCode(failure.type, failure.message, err);
  }
  return err;
}

export function isNotFound(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || (err as { name?: string })?.name === 'WorkflowNotFoundError';
}

/** The thread refused an Update about a request it has no record of (awaitRequest, awaitStreamEvents). */
export function isUnknownRequest(err: unknown): boolean {
  return err instanceof WorkflowUpdateFailedError && (err.cause as { type?: string } | undefined)?.type === 'UNKNOWN_REQUEST';
}
