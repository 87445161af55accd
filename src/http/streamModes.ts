// The Agent Server's stream modes over durable-graph's. Most are the same; `messages-tuple` (and
// `messages`) are durable-graph's `messages` ([chunk, metadata]); `events` (LangChain's stream
// events, which Agent Inbox asks for) is derived from `debug`: a task starting is `on_chain_start`
// with `metadata.langgraph_node`, a task's result `on_chain_end`.
import type { StreamMode } from '../runtime/protocol';
import { HttpRefusal } from './errorStatus';

export const HTTP_STREAM_MODES = ['values', 'updates', 'custom', 'debug', 'messages', 'messages-tuple', 'events'] as const;
export type HttpStreamMode = (typeof HTTP_STREAM_MODES)[number];

/** The Agent Server's modes durable-graph does not stream. */
const NOT_STREAMED = ['tasks', 'checkpoints', 'tools'];

/** The requested modes as a list (LangGraph's default: `values`); UNSUPPORTED for modes durable-graph lacks. */
export function httpModes(requested: unknown): HttpStreamMode[] {
  const modes = requested === undefined ? ['values'] : Array.isArray(requested) ? requested : [requested];
  for (const mode of modes) {
    if (!(HTTP_STREAM_MODES as readonly unknown[]).includes(mode)) {
      const why = NOT_STREAMED.includes(mode as string) ? 'durable-graph does not stream it' : 'no such stream mode';
      throw new HttpRefusal(422, 'UNSUPPORTED', `stream_mode ${JSON.stringify(mode)}: ${why}; use ${HTTP_STREAM_MODES.join(', ')}`);
    }
  }
  return modes as HttpStreamMode[];
}

/** The library modes a run records for these HTTP modes. */
export function libraryModes(modes: HttpStreamMode[]): StreamMode[] {
  const library = modes.map((m): StreamMode => (m === 'events' ? 'debug' : m === 'messages-tuple' ? 'messages' : m));
  return [...new Set(library)];
}

/** One SSE event to send. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * Turns one run's library events into SSE events. `modes` undefined (a rejoin without
 * `stream_mode`): every event under its library mode's name.
 */
export class SseTranslator {
  /** Tasks whose on_chain_start was sent: a task resumed in this run (started in an earlier one) gets one before its end, as LangGraph re-runs the node. */
  private readonly started = new Set<string>();

  constructor(
    private readonly modes: HttpStreamMode[] | undefined,
    private readonly runId: string,
  ) {}

  eventsOf(mode: StreamMode, chunk: unknown): SseEvent[] {
    const modes = this.modes;
    if (!modes) return [{ event: mode, data: chunk }];
    const events: SseEvent[] = [];
    if (mode === 'debug') {
      if (modes.includes('debug')) events.push({ event: 'debug', data: chunk });
      if (modes.includes('events')) events.push(...this.chainEventsOf(chunk));
    } else if (mode === 'messages') {
      if (modes.includes('messages') || modes.includes('messages-tuple')) events.push({ event: 'messages', data: chunk });
    } else if (modes.includes(mode)) {
      events.push({ event: mode, data: chunk });
    }
    return events;
  }

  /** LangChain stream events of a `debug` task event: a task starting, a task's result. */
  private chainEventsOf(chunk: unknown): SseEvent[] {
    const debug = chunk as { type?: string; step?: number; payload?: { id?: string; name?: string; input?: unknown; result?: unknown; triggers?: unknown } };
    const payload = debug.payload ?? {};
    const metadata = { langgraph_node: payload.name, langgraph_step: debug.step, langgraph_triggers: payload.triggers ?? [], run_id: this.runId };
    const base = { name: payload.name, run_id: payload.id, tags: [`graph:step:${debug.step}`], metadata, parent_ids: [this.runId] };
    const start: SseEvent = { event: 'events', data: { event: 'on_chain_start', ...base, data: { input: payload.input ?? null } } };
    if (debug.type === 'task') {
      this.started.add(String(payload.id));
      return [start];
    }
    if (debug.type !== 'task_result') return [];
    const end: SseEvent = { event: 'events', data: { event: 'on_chain_end', ...base, data: { output: payload.result } } };
    if (this.started.has(String(payload.id))) return [end];
    this.started.add(String(payload.id));
    return [start, end];
  }
}
