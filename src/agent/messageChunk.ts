// A model's reply as the `messages` stream shows it: LangGraph's serialized AIMessageChunk.
import type { AIMessageChunk, InvalidToolCall, ParsedToolCall } from '../engine/messageChunk';
import type { ToolCall } from '../graph/messages';
import type { CallModelOutput } from '../llm/types';

/** The whole reply as one chunk: its text, its tool calls (as streamed pieces and parsed) and its usage. */
export function messageChunkOf({ message, usage }: CallModelOutput): AIMessageChunk {
  const calls = message.tool_calls ?? [];
  const parsed = calls.map(parseToolCall);
  const valid = parsed.filter((c): c is ParsedToolCall => c.type === 'tool_call');
  const invalid = parsed.filter((c): c is InvalidToolCall => c.type === 'invalid_tool_call');
  return {
    type: 'AIMessageChunk',
    id: message.id ?? '',
    content: message.content ?? '',
    ...(calls.length ? { tool_call_chunks: calls.map((c, index) => ({ type: 'tool_call_chunk' as const, id: c.id, name: c.function.name, args: c.function.arguments, index })) } : {}),
    ...(valid.length ? { tool_calls: valid } : {}),
    ...(invalid.length ? { invalid_tool_calls: invalid } : {}),
    usage_metadata: { input_tokens: usage.promptTokens, output_tokens: usage.completionTokens, total_tokens: usage.totalTokens },
  };
}

/** As LangChain: arguments that are not a JSON object make an invalid tool call, kept as text. */
function parseToolCall(call: ToolCall): ParsedToolCall | InvalidToolCall {
  const { id, function: fn } = call;
  try {
    const args: unknown = JSON.parse(fn.arguments || '{}');
    if (typeof args === 'object' && args !== null && !Array.isArray(args)) return { type: 'tool_call', id, name: fn.name, args: args as Record<string, unknown> };
  } catch {
    // falls through: not JSON
  }
  return { type: 'invalid_tool_call', id, name: fn.name, args: fn.arguments, error: 'the arguments are not a JSON object' };
}
