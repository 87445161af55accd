// Requests in order: one under way at a time, the rest queued (multitaskStrategy 'enqueue'), and the
// outcomes of the latest ones for clients that follow a request across continue-as-new.
import type { RequestOutcome } from '../protocol';
import type { ActiveRequest, Mailbox, OutcomeRecord, QueuedRequest } from './data';
import { MAX_OUTCOMES } from './limits';

export function enqueue(mailbox: Mailbox, entry: QueuedRequest): Mailbox {
  return { ...mailbox, queue: [...mailbox.queue, entry] };
}

/** Makes the first queued request the active one. */
export function activateNext(mailbox: Mailbox): Mailbox {
  const [first, ...rest] = mailbox.queue;
  if (!first || mailbox.active) return mailbox;
  const active: ActiveRequest = { ...first, prepared: false, steps: 0, skipBefore: false };
  return { ...mailbox, queue: rest, active };
}

/** Ends the active request with its outcome; only the latest MAX_OUTCOMES are remembered. */
export function settle(mailbox: Mailbox, outcome: RequestOutcome): Mailbox {
  const { values: _values, continued: _continued, valuesOmitted: _omitted, ...record } = outcome;
  const outcomes: Record<string, OutcomeRecord> = { ...mailbox.outcomes, [outcome.requestId]: record };
  const ids = Object.keys(outcomes);
  for (const id of ids.slice(0, Math.max(0, ids.length - MAX_OUTCOMES))) delete outcomes[id];
  return { ...mailbox, active: mailbox.active?.request.requestId === outcome.requestId ? undefined : mailbox.active, outcomes };
}

/** True when the thread has this request queued, under way or settled (a retry of it is no new request). */
export function knowsRequest(mailbox: Mailbox, requestId: string): boolean {
  return (
    Object.hasOwn(mailbox.outcomes, requestId) ||
    mailbox.active?.request.requestId === requestId ||
    mailbox.queue.some((q) => q.request.requestId === requestId)
  );
}
