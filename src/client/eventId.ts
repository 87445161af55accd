// A stream event's id is the reader's whole cursor, so that joinStream with the last id continues
// exactly. A logged event's id is its number in the thread's sequence. While model replies are
// streaming, an id also says how much of each reply's text the reader has had: token chunks have no
// number of their own (they come from activity heartbeats, not the log), so their ids are
// `<number of the last logged event>:<request id>:<completion id>=<characters>,...`, the ids
// URI-encoded (which keeps ':', '=' and ',' out of them).
import { InvalidEventIdError } from '../engine/errors';

/** Where a reader stands. */
export interface StreamCursor {
  /** The number of the last logged event read; absent: none yet. */
  after?: number;
  /** The request whose stream it reads, when the id names it (it does while replies stream). */
  requestId?: string;
  /** Characters of text had so far, per completion id, of the replies still streaming. */
  streamed: Map<string, number>;
}

/** The id of the event that leaves the reader at `cursor`. */
export function eventIdOf(after: number, requestId: string | undefined, streamed: ReadonlyMap<string, number>): string {
  if (!streamed.size || requestId === undefined) return String(after);
  const replies = [...streamed].map(([id, chars]) => `${encodeURIComponent(id)}=${chars}`).join(',');
  return `${after}:${encodeURIComponent(requestId)}:${replies}`;
}

const COUNT = /^(0|[1-9][0-9]{0,15})$/;

/** The cursor an event id stands for; INVALID_EVENT_ID when it is not one a stream gave. */
export function parseEventId(id: string, threadId: string): StreamCursor {
  const invalid = () =>
    new InvalidEventIdError(`Thread "${threadId}": lastEventId ${JSON.stringify(id)} is not an event id (a positive integer, or the id of a token chunk, as stream events carry)`);
  const [seq, request, replies, ...extra] = id.split(':');
  if (!COUNT.test(seq) || extra.length || (request === undefined) !== (replies === undefined)) throw invalid();
  const after = Number(seq);
  if (request === undefined) {
    if (after === 0) throw invalid();
    return { after, streamed: new Map() };
  }
  const streamed = new Map<string, number>();
  try {
    for (const reply of replies.split(',')) {
      const [completionId, chars, ...rest] = reply.split('=');
      if (!completionId || chars === undefined || rest.length || !COUNT.test(chars) || chars === '0') throw invalid();
      streamed.set(decodeURIComponent(completionId), Number(chars));
    }
    const requestId = decodeURIComponent(request);
    if (!requestId) throw invalid();
    return { ...(after ? { after } : {}), requestId, streamed };
  } catch (err) {
    if (err instanceof URIError) throw invalid(); // a broken %-escape
    throw err;
  }
}
