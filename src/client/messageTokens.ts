// The tokens of a `messages` stream. They never pass through the workflow: a streaming callModel
// heartbeats the text of its reply so far, and while the request is under way the reader polls the
// thread's running activities (DescribeWorkflowExecution) and yields what is new as chunks of the
// reply. When the reply's logged event (the whole message, once) arrives, only what the reader has
// not yet had of it is yielded, so the reply's chunks concatenate to its text exactly once.
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultPayloadConverter } from '@temporalio/common';
import type { AIMessageChunk, MessageTuple } from '../engine/messageChunk';
import type { ModelProgress } from '../llm/types';
import type { StreamEventRecord } from '../runtime/protocol';
import { eventIdOf } from './eventId';
import type { RunningActivity, ThreadHandle } from './threadHandle';

/** How often a reader looks for new tokens while it waits for logged events (the worker heartbeats every 200 ms). */
const POLL_MS = 200;
/** The activity whose heartbeats carry the tokens. */
const MODEL_ACTIVITY = 'callModel';

/** One reader's token bookkeeping: how much of each streaming reply it has yielded. */
export class MessageTokens {
  /** Replies whose logged event has been yielded: late heartbeats of theirs are ignored. */
  private readonly finished = new Set<string>();
  /** The request known to stream `messages` and to be under way (a queued one's thread runs another's model calls). */
  private confirmed: string | undefined;

  constructor(
    private readonly thread: ThreadHandle,
    /** Characters yielded per completion id, of the replies still streaming (from the event id a reader rejoins with). */
    readonly streamed: Map<string, number>,
  ) {}

  /** Token events of the request's model calls, looked for every POLL_MS, until `waiting` settles. */
  async *until(waiting: Promise<unknown>, requestId: string, after: number): AsyncGenerator<StreamEventRecord> {
    const settled = waiting.then(
      () => true,
      () => true,
    );
    for (;;) {
      if (await Promise.race([settled, sleep(POLL_MS).then(() => false)])) return;
      yield* await this.poll(requestId, after);
    }
  }

  /** A logged event as the reader yields it: a reply's message less the text already yielded as tokens, and the id that says so. */
  logged(event: StreamEventRecord, requestId: string | undefined): StreamEventRecord {
    const seq = Number(event.id);
    if (event.mode !== 'messages' || !isMessageTuple(event.chunk)) return { ...event, id: eventIdOf(seq, requestId, this.streamed) };
    const [message, metadata] = event.chunk;
    const had = this.streamed.get(message.id) ?? 0;
    this.streamed.delete(message.id);
    this.finished.add(message.id);
    const rest: AIMessageChunk = { ...message, content: message.content.slice(had) };
    return { ...event, id: eventIdOf(seq, requestId, this.streamed), chunk: [rest, metadata] satisfies MessageTuple };
  }

  private async poll(requestId: string, after: number): Promise<StreamEventRecord[]> {
    const fresh = (await this.thread.runningActivities())
      .flatMap(modelProgress)
      .filter((p) => !this.finished.has(p.id) && p.content.length > (this.streamed.get(p.id) ?? 0));
    if (!fresh.length || !(await this.streamsMessages(requestId, after))) return [];
    return fresh.map((p) => {
      const had = this.streamed.get(p.id) ?? 0;
      this.streamed.set(p.id, p.content.length);
      const token: AIMessageChunk = { type: 'AIMessageChunk', id: p.id, content: p.content.slice(had) };
      return { id: eventIdOf(after, requestId, this.streamed), mode: 'messages', chunk: [token, p.metadata ?? {}] };
    });
  }

  /** Whether the model calls under way are this request's, streaming `messages` (asked once per request that is). */
  private async streamsMessages(requestId: string, after: number): Promise<boolean> {
    if (this.confirmed === requestId) return true;
    const page = await this.thread.streamEvents({ requestId, after });
    if (page.streamsMessages) this.confirmed = requestId;
    return page.streamsMessages === true;
  }
}

/** The progress a running callModel reports in its latest heartbeat, if it streams. */
function modelProgress(activity: RunningActivity): ModelProgress[] {
  if (activity.activityType?.name !== MODEL_ACTIVITY) return [];
  const details = decodeHeartbeat(activity);
  return isModelProgress(details) ? [details] : [];
}

/**
 * The first heartbeat detail, decoded. The one place heartbeats are decoded: a client with a payload
 * codec (encryption, compression) would decode here.
 */
function decodeHeartbeat(activity: RunningActivity): unknown {
  const payload = activity.heartbeatDetails?.payloads?.[0];
  if (!payload) return undefined;
  try {
    return defaultPayloadConverter.fromPayload(payload);
  } catch {
    return undefined; // not ours to read (another converter's encoding): no tokens, the logged message still comes
  }
}

function isModelProgress(value: unknown): value is ModelProgress {
  const p = value as Partial<ModelProgress> | undefined;
  return typeof p?.id === 'string' && typeof p.content === 'string';
}

function isMessageTuple(chunk: unknown): chunk is MessageTuple {
  const message = (Array.isArray(chunk) ? chunk[0] : undefined) as Partial<AIMessageChunk> | undefined;
  return message?.type === 'AIMessageChunk' && typeof message.id === 'string' && typeof message.content === 'string';
}
