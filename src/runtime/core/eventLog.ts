// The thread's stream events, numbered in one sequence for the thread's whole life (continue-as-new
// carries the log), and read by cursor: a consumer that reconnects with the id of the last event it
// saw gets exactly the ones after it. Only requests that asked for stream modes record events, only
// in those modes, and the log is bounded in bytes: a consumer that falls behind the bound is told
// (`expired`), never silently skipped.
import type { StreamEvent, StreamMode } from '../protocol';
import { cloneData } from './cloneData';
import type { ThreadState } from './data';
import { EVENT_LOG_BYTES } from './limits';

/** One recorded event: the request that produced it and its number in the thread's sequence. */
export interface LoggedEvent extends StreamEvent {
  seq: number;
  requestId: string;
  /** JSON size of the chunk, what the byte budget counts. */
  size: number;
}

export interface EventLog {
  /** The number the next event gets; ids are `String(seq)`. */
  nextSeq: number;
  events: LoggedEvent[];
  bytes: number;
  /** Requests some of whose events were dropped for the budget (the latest few). */
  lost: string[];
  /** The highest number dropped so far. */
  droppedThrough: number;
}

/** Requests whose loss is remembered: more than the requests a log of EVENT_LOG_BYTES can span. */
const LOST_REMEMBERED = 32;

export function emptyEventLog(): EventLog {
  return { nextSeq: 1, events: [], bytes: 0, lost: [], droppedThrough: 0 };
}

/** The modes the request under way records, or none. */
function recordedModes(state: ThreadState): StreamMode[] {
  const request = state.data.mailbox.active?.request;
  return request?.kind === 'run' ? (request.options.streamMode ?? []) : [];
}

/** Appends an event of the request under way, when it asked for that mode; drops the oldest over the budget. */
export function recordEvent(state: ThreadState, event: StreamEvent): ThreadState {
  const active = state.data.mailbox.active;
  if (!active || !recordedModes(state).includes(event.mode)) return state;
  const log = state.data.events ?? emptyEventLog();
  const chunk = cloneData(event.chunk);
  const entry: LoggedEvent = { seq: log.nextSeq, requestId: active.request.requestId, mode: event.mode, chunk, size: JSON.stringify(chunk ?? null).length };
  const events = withinBudget({ ...log, nextSeq: log.nextSeq + 1, events: [...log.events, entry], bytes: log.bytes + entry.size });
  return { ...state, data: { ...state.data, events } };
}

/** Whether the request under way records events of this mode (so the shell can skip building them). */
export function records(state: ThreadState, mode: StreamMode): boolean {
  return recordedModes(state).includes(mode);
}

/** Drops the oldest events while over the budget; the newest one stays unless `strict`. */
function withinBudget(log: EventLog, strict = false): EventLog {
  let bytes = log.bytes;
  let from = 0;
  while (bytes > EVENT_LOG_BYTES && from < log.events.length - (strict ? 0 : 1)) bytes -= log.events[from++].size;
  return without(log, log.events.slice(0, from));
}

/** The log without `dropped` (which it holds), remembering which requests lost events. */
function without(log: EventLog, dropped: LoggedEvent[]): EventLog {
  if (!dropped.length) return log;
  const gone = new Set(dropped);
  const lost = new Set(log.lost);
  for (const e of dropped) {
    lost.delete(e.requestId); // re-added last: the set keeps the most recent losses
    lost.add(e.requestId);
  }
  return {
    ...log,
    events: log.events.filter((e) => !gone.has(e)),
    bytes: log.bytes - dropped.reduce((sum, e) => sum + e.size, 0),
    droppedThrough: Math.max(log.droppedThrough, ...dropped.map((e) => e.seq)),
    lost: [...lost].slice(-LOST_REMEMBERED),
  };
}

/**
 * A request has settled: the events of earlier requests go (a consumer rejoins the latest stream;
 * one still reading an older one is told it expired), so that a paused thread keeps at most one
 * request's events in memory.
 */
export function keepLatestRequest(state: ThreadState, requestId: string): ThreadState {
  const log = state.data.events;
  if (!log) return state;
  const older = log.events.filter((e) => e.requestId !== requestId);
  return older.length ? { ...state, data: { ...state.data, events: without(log, older) } } : state;
}

/** The log as continue-as-new carries it: strictly within the budget, so a huge event cannot push the carried data over Temporal's payload limit. */
export function carriedLog(log: EventLog): EventLog {
  return withinBudget(log, true);
}

/** What a reader asks: the events of one request (the latest that streamed when absent) after a cursor. */
export interface EventCursor {
  requestId?: string;
  /** The id of the last event seen; absent: from the request's first event. */
  after?: number;
}

export interface EventPage {
  /** The request these events belong to; absent when no request has streamed. */
  requestId?: string;
  events: LoggedEvent[];
  /** Some events after the cursor were dropped for the byte budget: the stream cannot continue exactly. */
  expired?: true;
}

/**
 * The request a reader means: the one named, else the one whose event it saw last (it rejoins that
 * stream), else the latest that streamed. A seen event that is gone means the stream expired.
 */
function requestOf(log: EventLog, cursor: EventCursor): { requestId?: string; expired?: true } {
  if (cursor.requestId !== undefined) return { requestId: cursor.requestId };
  if (cursor.after === undefined) return { requestId: log.events[log.events.length - 1]?.requestId };
  const seen = log.events.find((e) => e.seq === cursor.after);
  if (seen) return { requestId: seen.requestId };
  return cursor.after <= log.droppedThrough ? { expired: true } : {};
}

/** The events after the cursor, oldest first, up to about `maxBytes` (at least one). */
export function eventsAfter(log: EventLog | undefined, cursor: EventCursor, maxBytes: number): EventPage {
  if (!log) return { ...(cursor.requestId === undefined ? {} : { requestId: cursor.requestId }), events: [] };
  const { requestId, expired } = requestOf(log, cursor);
  if (expired) return { events: [], expired };
  if (requestId === undefined) return { events: [] };
  const after = cursor.after ?? 0;
  if (log.lost.includes(requestId) && after < log.droppedThrough) return { requestId, events: [], expired: true };
  const events: LoggedEvent[] = [];
  let bytes = 0;
  for (const e of log.events) {
    if (e.seq <= after || e.requestId !== requestId) continue;
    if (events.length && bytes + e.size > maxBytes) break;
    events.push(e);
    bytes += e.size;
  }
  return { requestId, events };
}

/** True when the request has events after the cursor. */
export function hasEventsAfter(log: EventLog | undefined, requestId: string, after: number): boolean {
  return !!log?.events.some((e) => e.seq > after && e.requestId === requestId);
}
