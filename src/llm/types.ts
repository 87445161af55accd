// What a workflow and the model-call activity exchange. Workflow-safe: types only, no Node, no SDK.
import type { MessageMetadata } from '../engine/messageChunk';
import type { Message } from '../graph/messages';

/** A tool the model may call; `parameters` is a JSON Schema object. */
export interface ModelTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** Input of the `callModel` activity. */
export interface CallModelInput {
  messages: Message[];
  tools?: ModelTool[];
  /** Defaults to the configured model (OPENAI_MODEL, else `gpt-4o-mini`). */
  model?: string;
  temperature?: number;
  /**
   * Stream the reply from the model: the activity heartbeats the text so far (`ModelProgress`), which
   * `messages` readers show as tokens. The output is the same as without.
   */
  stream?: boolean;
  /** The calling task's `messages` metadata, sent with each heartbeat so readers can label the tokens. */
  streamMetadata?: MessageMetadata;
}

/**
 * The heartbeat details of a streaming `callModel`: cumulative, so a reader that missed heartbeats
 * (Temporal keeps only the latest) still has the whole text so far.
 */
export interface ModelProgress {
  /** The completion id, the `id` of the reply's message. */
  id: string;
  content: string;
  metadata?: MessageMetadata;
}

/** The assistant's reply, in the message shape kept in graph state. */
export type AssistantMessage = Extract<Message, { role: 'assistant' }>;

/** Token counts as the model server reported them (zeros when it reported none). */
export interface ModelUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** Output of the `callModel` activity; `message.id` is the completion id. */
export interface CallModelOutput {
  message: AssistantMessage;
  usage: ModelUsage;
}

/** The activities `createLlmActivities` returns, as a workflow proxies them. */
export interface LlmActivities {
  callModel: (input: CallModelInput) => Promise<CallModelOutput>;
}
