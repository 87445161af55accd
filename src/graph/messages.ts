import { Annotation } from './annotation';

/** A tool call as OpenAI's chat completions API returns it (arguments are a JSON string). */
export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/**
 * The one message shape kept in state: OpenAI's chat message plus an `id`. A message whose id is
 * already in the list replaces that message (LangGraph's messages reducer).
 */
export type Message =
  | { id?: string; role: 'system'; content: string }
  | { id?: string; role: 'user'; content: string; name?: string }
  | { id?: string; role: 'assistant'; content: string | null; tool_calls?: ToolCall[] }
  | { id?: string; role: 'tool'; content: string; tool_call_id: string };

/** `msg-<position>`, or the next free number when an explicit id already took that one. */
function freshId(taken: Map<string | undefined, number>, position: number): string {
  let n = position;
  while (taken.has(`msg-${n}`)) n++;
  return `msg-${n}`;
}

/** Appends messages, replacing by id; gives id-less messages a deterministic id (`msg-<position>`, never one already in the list). */
export function messagesReducer(left: Message[], right: Message | Message[]): Message[] {
  const out = [...left];
  const index = new Map(out.map((m, i) => [m.id, i] as const));
  for (const message of Array.isArray(right) ? right : [right]) {
    const existing = message.id === undefined ? undefined : index.get(message.id);
    if (existing !== undefined) {
      out[existing] = message;
      continue;
    }
    const withId = message.id === undefined ? { ...message, id: freshId(index, out.length) } : message;
    index.set(withId.id, out.length);
    out.push(withId);
  }
  return out;
}

/** `{ messages }` with the messages reducer, as LangGraph's MessagesAnnotation. */
export const MessagesAnnotation = Annotation.Root({
  messages: Annotation<Message[], Message | Message[]>({ reducer: messagesReducer, default: () => [] }),
});
