// The model call as a Temporal activity: one chat completion per call, retried by Temporal, not the SDK.
import OpenAI from 'openai';
import { classifyError } from './classifyError';
import { fromCompletion, toOpenAIRequest } from './openaiMapping';
import { DEFAULT_BASE_URL, resolveSettings, type LlmConfig } from './settings';
import type { CallModelInput, CallModelOutput, LlmActivities } from './types';

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
        completion = await client.chat.completions.create(toOpenAIRequest(input, model));
      } catch (error) {
        const baseURL = settings.baseURL ?? DEFAULT_BASE_URL;
        throw classifyError(error, { model, baseURL, timeoutMs: settings.timeoutMs, elapsedMs: Date.now() - began });
      }
      return fromCompletion(completion, model);
    },
  };
}

/** Calls the chat model configured by OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_MODEL. */
export const { callModel } = createLlmActivities();
