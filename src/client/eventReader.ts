// Reads one request's stream events as they happen: wait (an Update that returns when there is
// something new) then read (a Query, so events are not written into the workflow's history again),
// cursor by cursor. While it waits, a reader of `messages` also yields model tokens (messageTokens.ts).
// The cursor is the last event's id, which is all a reconnecting reader needs.
import { setTimeout as sleep } from 'node:timers/promises';
import { StreamExpiredError } from '../engine/errors';
import type { StreamEventRecord } from '../runtime/protocol';
import { parseEventId } from './eventId';
import { MessageTokens } from './messageTokens';
import type { ThreadHandle } from './threadHandle';
import { isNotFound, isUnknownRequest } from './translateError';

export interface EventReaderOptions {
  /** The request whose events to read; absent: the one whose event `after` is, else the latest that streamed. */
  requestId?: string;
  /** The id of the last event seen. */
  lastEventId?: string;
  /**
   * Settles when the request has: for a reader that sent it, its outcome (until the thread has
   * admitted the request the reader waits for it, and stops with the request's refusal); for a
   * reader joining a request by id, its outcome or the news that the thread does not know it.
   */
  outcome?: Promise<unknown>;
  /** Also yield the tokens of model replies as they stream (the reader's modes include `messages`, or are not known). */
  tokens?: boolean;
}

/** How long to wait before asking again for a request the thread has not admitted yet (or a run that is handing over). */
const NOT_YET_MS = [20, 50, 100, 200, 400];

/** The events of one request after the cursor, ending when the request has settled and every event is read. */
export async function* readEvents(thread: ThreadHandle, options: EventReaderOptions): AsyncGenerator<StreamEventRecord> {
  const cursor = options.lastEventId === undefined ? { streamed: new Map<string, number>() } : parseEventId(options.lastEventId, thread.threadId);
  let after = cursor.after;
  let requestId = options.requestId ?? cursor.requestId;
  const tokens = options.tokens ? new MessageTokens(thread, cursor.streamed) : undefined;
  let settled = false;
  void options.outcome?.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let attempt = 0; ; ) {
    if (requestId !== undefined) {
      const waiting = waitForEvents(thread, requestId, after ?? 0, () => settled);
      waiting.catch(() => undefined); // awaited below; a reader closed while yielding tokens leaves it behind
      if (tokens) yield* tokens.until(waiting, requestId, after ?? 0);
      const waited = await waiting;
      if (waited === 'not-yet') {
        // The request is not admitted yet, or the thread is moving to its next run: ask again shortly.
        // Not even when the call has ended meanwhile: its last events may be in the next run (a
        // refused request ends the loop anyway, as the wait then answers 'ready' and the read 'done').
        await sleep(NOT_YET_MS[Math.min(attempt++, NOT_YET_MS.length - 1)]);
        continue;
      }
      attempt = 0;
    }
    const page = await thread.streamEvents({ ...(requestId === undefined ? {} : { requestId }), ...(after === undefined ? {} : { after }) });
    if (page.expired) {
      throw new StreamExpiredError(
        `Thread "${thread.threadId}": events after ${after === undefined ? 'the start' : `event ${after}`} are no longer kept (a thread keeps its latest stream's events, about 256 KiB); read the state with getState instead`,
      );
    }
    requestId ??= page.requestId;
    for (const event of page.events) {
      after = Number(event.id);
      yield tokens ? tokens.logged(event, requestId) : event;
    }
    if (page.done || requestId === undefined) return;
  }
}

/** Waits for news of the request; 'not-yet' when the thread does not know the request or hands over to its next run. */
async function waitForEvents(thread: ThreadHandle, requestId: string, after: number, settled: () => boolean): Promise<'ready' | 'not-yet'> {
  try {
    const answer = await thread.awaitStreamEvents(requestId, after);
    return answer.continued ? 'not-yet' : 'ready';
  } catch (err) {
    // Refused as unknown (not admitted yet), or no workflow yet (update-with-start under way).
    if (isUnknownRequest(err) || isNotFound(err)) return settled() ? 'ready' : 'not-yet';
    throw err;
  }
}
