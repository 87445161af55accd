// The model call as a Temporal activity: one chat completion per call, retried by Temporal, not the SDK.
import { asyncLocalStorage } from '@temporalio/activity';
import OpenAI from 'openai';
import { classifyError } from './classifyError';
import { fromCompletion, StreamedCompletion, toOpenAIRequest, toOpenAIStreamingRequest } from './openaiMapping';
import { DEFAULT_BASE_URL, resolveSettings, type LlmConfig } from './settings';
import type { CallModelInput, CallModelOutput, LlmActivities, ModelProgress } from './types';

/** The LLM activities bound to `config` (a worker registers the returned object). */
export function createLlmActivities(config: LlmConfig = {}): LlmActivities {
  return {
    async callModel(input: CallModelInput): Promise<CallModelOutput> {
      const settings = resolveSettings(config);
      // The SDK must not retry: Temporal's retry policy does, visibly, in the workflow's history.
      const client = new OpenAI({
        apiKey: settings.apiKey,
        baseURL: settings.baseURL,
        maxRetries: 0,
        timeout: settings.timeoutMs,
      });
      const model = input.model ?? settings.model;
      let completion: OpenAI.ChatCompletion;
      const began = Date.now();
      try {
        completion = input.stream ? await streamedCompletion(client, input, model) : await client.chat.completions.create(toOpenAIRequest(input, model));
      } catch (error) {
        const baseURL = settings.baseURL ?? DEFAULT_BASE_URL;
        throw classifyError(error, { model, baseURL, timeoutMs: settings.timeoutMs, elapsedMs: Date.now() - began });
      }
      return fromCompletion(completion, model);
    },
  };
}

/**
 * Streams the completion, heartbeating the text so far as it grows: the heartbeats are how readers
 * of `messages` see tokens while the activity runs, without a workflow history event per token (the
 * worker throttles them; Temporal keeps the latest). Called outside an activity, it only streams.
 */
async function streamedCompletion(client: OpenAI, input: CallModelInput, model: string): Promise<OpenAI.ChatCompletion> {
  const activity = asyncLocalStorage.getStore();
  const stream = await client.chat.completions.create(toOpenAIStreamingRequest(input, model));
  const reply = new StreamedCompletion();
  for await (const chunk of stream) {
    const before = reply.content.length;
    reply.add(chunk);
    if (activity && reply.content.length > before) {
      const progress: ModelProgress = { id: reply.id, content: reply.content, ...(input.streamMetadata ? { metadata: input.streamMetadata } : {}) };
      activity.heartbeat(progress);
    }
  }
  return reply.completion();
}

/** Calls the chat model configured by OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_MODEL. */
export const { callModel } = createLlmActivities();
