import { AmbiguousResumeError, NothingToResumeError, UnknownInterruptIdError } from '../engine/errors';
import type { PendingInterruptInfo, StateSnapshot } from '../runtime/protocol';

/** A pending interrupt that takes an answer (it has an id). */
export type PendingRequest = PendingInterruptInfo & { id: string };

/**
 * The interrupt an answer is for: the one `--id` names (its full id or a prefix only it has), else
 * the only one pending. Refused as the library refuses a resume: NOTHING_TO_RESUME when none waits,
 * UNKNOWN_INTERRUPT_ID for an id that is not pending, AMBIGUOUS_RESUME when several fit.
 */
export function choosePending(threadId: string, snapshot: StateSnapshot, id?: string): PendingRequest {
  const pending = snapshot.interrupts.filter((i): i is PendingRequest => typeof i.id === 'string');
  if (pending.length === 0) throw new NothingToResumeError(`Thread "${threadId}" has no pending interrupt; nothing to answer (status ${snapshot.status || 'unknown'})`);
  const ids = pending.map((i) => i.id).join(', ');
  if (id === undefined) {
    if (pending.length === 1) return pending[0];
    throw new AmbiguousResumeError(`Thread "${threadId}" has ${pending.length} pending interrupts; choose one with --id (pending: ${ids})`);
  }
  const exact = pending.find((i) => i.id === id);
  if (exact) return exact;
  const matches = id === '' ? [] : pending.filter((i) => i.id.startsWith(id));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) throw new AmbiguousResumeError(`--id ${id} fits ${matches.length} pending interrupts of thread "${threadId}"; give more of it (pending: ${ids})`);
  throw new UnknownInterruptIdError(`Thread "${threadId}" has no pending interrupt ${id} (pending: ${ids})`);
}
