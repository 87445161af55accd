// What a workflow and the model-call activity exchange. Workflow-safe: types only, no Node, no SDK.
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
