// The `messages` stream's vocabulary, in LangGraph's shapes: a model's output as the LangGraph server
// serializes an AIMessageChunk (what @langchain/langgraph-sdk consumers get in `messages-tuple`
// mode), and the metadata naming the task that called the model.

/** A piece of a tool call as it streams: `args` is JSON text. */
export interface ToolCallChunk {
  type: 'tool_call_chunk';
  id?: string;
  name?: string;
  args: string;
  index: number;
}

/** A whole tool call, its arguments parsed. */
export interface ParsedToolCall {
  type: 'tool_call';
  id: string;
  name: string;
  args: Record<string, unknown>;
}

/** A whole tool call whose arguments are not a JSON object. */
export interface InvalidToolCall {
  type: 'invalid_tool_call';
  id: string;
  name: string;
  args: string;
  error: string;
}

/** Token counts, in LangChain's names. */
export interface UsageMetadata {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

/**
 * A model's output under `messages`. Chunks of one reply share its `id` (the completion id); their
 * `content`s concatenate to the reply's text. Tokens carry `content` only; the reply's last chunk
 * carries what remained, with the tool calls and the usage.
 */
export interface AIMessageChunk {
  type: 'AIMessageChunk';
  id: string;
  content: string;
  tool_call_chunks?: ToolCallChunk[];
  tool_calls?: ParsedToolCall[];
  invalid_tool_calls?: InvalidToolCall[];
  usage_metadata?: UsageMetadata;
}

/** Which task called the model, in LangGraph's metadata keys. */
export interface MessageMetadata {
  thread_id: string;
  langgraph_node: string;
  langgraph_step: number;
  langgraph_triggers: string[];
  /** `<node>:<task id>`: tells apart the tasks of one node in a step (Send fan-out). */
  langgraph_checkpoint_ns: string;
}

/** A `messages` event's chunk, as LangGraph's: `[message, metadata]`. */
export type MessageTuple = [AIMessageChunk, MessageMetadata];
