import { ApplicationFailure } from '@temporalio/common';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { Message, ToolCall } from '../src/graph/messages';

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

/** Explicit model settings; each one left out falls back to its environment variable at call time. */
export interface LlmConfig {
  /** Falls back to OPENAI_API_KEY. */
  apiKey?: string;
  /** Falls back to OPENAI_BASE_URL, then OpenAI's own API. */
  baseURL?: string;
  /** Falls back to OPENAI_MODEL, then `gpt-4o-mini`. */
  model?: string;
  /** Per-request timeout in milliseconds (default 60 seconds). */
  timeoutMs?: number;
}

const DEFAULT_MODEL = 'gpt-4o-mini';
const DEFAULT_TIMEOUT_MS = 60_000;
// OpenAI-compatible local servers usually ignore the key, but the SDK insists on one.
const PLACEHOLDER_KEY = 'not-needed';

/** The activities `createLlmActivities` returns. */
export interface LlmActivities {
  callModel(input: CallModelInput): Promise<CallModelOutput>;
}

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
        completion = await client.chat.completions.create({
          model,
          messages: input.messages.map(toOpenAIMessage),
          ...(input.tools?.length ? { tools: input.tools.map(toOpenAITool) } : {}),
          ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
        });
      } catch (error) {
        const baseURL = settings.baseURL ?? 'https://api.openai.com/v1';
        throw classifyError(error, { model, baseURL, timeoutMs: settings.timeoutMs, elapsedMs: Date.now() - began });
      }
      return fromCompletion(completion, model);
    },
  };
}

/** Calls the chat model configured by OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_MODEL. */
export const { callModel } = createLlmActivities();

interface Settings {
  apiKey: string;
  baseURL: string | undefined;
  model: string;
  timeoutMs: number;
}

function resolveSettings(config: LlmConfig): Settings {
  const env = (name: string) => process.env[name] || undefined; // an empty variable counts as unset
  const baseURL = config.baseURL ?? env('OPENAI_BASE_URL');
  const apiKey = config.apiKey ?? env('OPENAI_API_KEY') ?? (baseURL ? PLACEHOLDER_KEY : undefined);
  if (!apiKey) {
    throw ApplicationFailure.nonRetryable(
      'No model configured: set OPENAI_API_KEY to call OpenAI, or OPENAI_BASE_URL to use an OpenAI-compatible server ' +
        '(such as the scripted model from durable-graph/testing)',
      'ModelConfigError',
    );
  }
  const model = config.model ?? env('OPENAI_MODEL') ?? DEFAULT_MODEL;
  return { apiKey, baseURL, model, timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS };
}

// Only the fields OpenAI defines: state messages carry an `id` that is ours, not OpenAI's.
function toOpenAIMessage(message: Message): OpenAI.ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: message.content, ...(message.name !== undefined ? { name: message.name } : {}) };
    case 'assistant':
      // OpenAI refuses an empty tool_calls array, so it is left out.
      return {
        role: 'assistant',
        content: message.content,
        ...(message.tool_calls?.length ? { tool_calls: message.tool_calls.map(toOpenAIToolCall) } : {}),
      };
    case 'tool':
      return { role: 'tool', content: message.content, tool_call_id: message.tool_call_id };
  }
}

function toOpenAIToolCall(call: ToolCall): OpenAI.ChatCompletionMessageFunctionToolCall {
  return { id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } };
}

function toOpenAITool(tool: ModelTool): OpenAI.ChatCompletionFunctionTool {
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } };
}

function fromCompletion(completion: OpenAI.ChatCompletion, model: string): CallModelOutput {
  const reply = completion.choices[0]?.message;
  if (!reply) {
    const message = `Model ${model} answered with no choices (completion ${completion.id})`;
    throw ApplicationFailure.nonRetryable(message, 'ModelBadResponse');
  }
  const toolCalls = (reply.tool_calls ?? []).map((call): ToolCall => {
    // Only function tools are ever sent, so any other kind of call is a broken server.
    if (call.type !== 'function') {
      const message = `Model ${model} made a ${call.type} tool call; only function tools are supported`;
      throw ApplicationFailure.nonRetryable(message, 'ModelBadResponse');
    }
    return { id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } };
  });
  const usage = completion.usage;
  return {
    message: {
      id: completion.id,
      role: 'assistant',
      content: reply.content ?? null,
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    },
    usage: {
      promptTokens: usage?.prompt_tokens ?? 0,
      completionTokens: usage?.completion_tokens ?? 0,
      totalTokens: usage?.total_tokens ?? 0,
    },
  };
}

/** Turns an SDK error into an ApplicationFailure that tells Temporal whether retrying can help. */
function classifyError(
  error: unknown,
  call: { model: string; baseURL: string; timeoutMs: number; elapsedMs: number },
): unknown {
  const where = `model ${call.model} at ${call.baseURL}`;
  // The elapsed time also catches timeouts the SDK reports as plain connection errors (it does when
  // fetch's AbortError comes from another realm, as under jest).
  const timedOut = error instanceof APIConnectionError && call.elapsedMs >= call.timeoutMs;
  if (error instanceof APIConnectionTimeoutError || timedOut) {
    const message = `No answer from ${where} within ${call.timeoutMs} ms`;
    return ApplicationFailure.create({ message, type: 'ModelUnavailable', cause: error });
  }
  if (error instanceof APIConnectionError) {
    return ApplicationFailure.create({
      message: `Could not reach ${where}: ${error.message}`,
      type: 'ModelUnavailable',
      cause: error,
    });
  }
  if (!(error instanceof APIError) || error.status === undefined) return error; // not the model's answer: as it is
  const status = error.status;
  const said = `${where} answered ${status}: ${error.message}`;
  if (status === 401 || status === 403) {
    return ApplicationFailure.create({
      message: `${said}. Check OPENAI_API_KEY (or the apiKey given to createLlmActivities)`,
      type: 'ModelAuthError',
      nonRetryable: true,
      cause: error,
    });
  }
  if (status === 429) {
    return ApplicationFailure.create({
      message: said,
      type: 'ModelRateLimited',
      nextRetryDelay: retryAfterMs(error.headers),
      cause: error,
    });
  }
  // Same split as the SDK's own retry rule: timeouts, conflicts and server errors may pass.
  if (status === 408 || status === 409 || status >= 500) {
    return ApplicationFailure.create({ message: said, type: 'ModelUnavailable', cause: error });
  }
  return ApplicationFailure.create({ message: said, type: 'ModelBadRequest', nonRetryable: true, cause: error });
}

/** The server's requested wait, from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (ms > 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  const wait = Number.isNaN(seconds) ? Date.parse(value) - Date.now() : seconds * 1000;
  return wait > 0 ? Math.ceil(wait) : undefined;
}
