import type OpenAI from 'openai';
import type { ScriptedAnswer, ScriptedFailureStatus, ScriptedRequest } from './scriptedTypes';

/** Deterministic stand-in for a tokenizer: one token per 4 characters, rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The text of a message's content, whether a string or an array of content parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : '')).join('');
}

function promptText(request: ScriptedRequest): string {
  return request.messages
    .map((m) => {
      const calls = 'tool_calls' in m && Array.isArray(m.tool_calls) ? m.tool_calls : [];
      const callText = calls.map((c) => (c.type === 'function' ? c.function.name + c.function.arguments : ''));
      return contentText(m.content) + callText.join('');
    })
    .join('');
}

/** An OpenAI `chat.completion` body for an answer; `nextCallId` numbers tool calls without ids. */
export function completionBody(
  request: ScriptedRequest,
  answer: ScriptedAnswer,
  completionId: string,
  nextCallId: () => string,
): OpenAI.ChatCompletion {
  const toolCalls: OpenAI.ChatCompletionMessageFunctionToolCall[] = (answer.toolCalls ?? []).map((call) => ({
    id: call.id ?? nextCallId(),
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.args) },
  }));
  // OpenAI sends null content beside tool calls, and no tool_calls key when there are none.
  const content = answer.content ?? (toolCalls.length > 0 ? null : '');
  const message: OpenAI.ChatCompletionMessage = {
    role: 'assistant',
    content,
    refusal: null,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
  const promptTokens = estimateTokens(promptText(request));
  const completionTokens = estimateTokens(
    (content ?? '') + toolCalls.map((c) => c.function.name + c.function.arguments).join(''),
  );
  return {
    id: completionId,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [{ index: 0, message, finish_reason: toolCalls.length > 0 ? 'tool_calls' : 'stop', logprobs: null }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

/** Pieces of text as a model streams them: a word each, with the whitespace before it (the pieces join to the text). */
export function textPieces(text: string): string[] {
  return text.match(/\s*\S+|\s+/g) ?? [];
}

/** How many characters of tool call arguments one chunk carries. */
const ARGUMENT_PIECE = 8;

/**
 * The `chat.completion.chunk`s OpenAI streams for `completion`: the role first, the text a word per
 * chunk, each tool call's id and name then its arguments in pieces, the finish reason, and with
 * `includeUsage` (stream_options.include_usage) a last chunk with the usage and no choices.
 */
export function completionChunks(completion: OpenAI.ChatCompletion, includeUsage: boolean): OpenAI.ChatCompletionChunk[] {
  const { message, finish_reason } = completion.choices[0];
  // With include_usage OpenAI sends `usage: null` on every chunk but the last.
  const base = { id: completion.id, object: 'chat.completion.chunk' as const, created: completion.created, model: completion.model, ...(includeUsage ? { usage: null } : {}) };
  const chunk = (delta: OpenAI.ChatCompletionChunk.Choice.Delta, finish: OpenAI.ChatCompletionChunk.Choice['finish_reason'] = null): OpenAI.ChatCompletionChunk => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const chunks = [chunk({ role: 'assistant', content: message.content === null ? null : '', refusal: null })];
  for (const piece of textPieces(message.content ?? '')) chunks.push(chunk({ content: piece }));
  (message.tool_calls ?? []).forEach((call, index) => {
    if (call.type !== 'function') return;
    chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] }));
    for (let at = 0; at < call.function.arguments.length; at += ARGUMENT_PIECE) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments.slice(at, at + ARGUMENT_PIECE) } }] }));
    }
  });
  chunks.push(chunk({}, finish_reason));
  if (includeUsage && completion.usage) chunks.push({ ...base, choices: [], usage: completion.usage });
  return chunks;
}

/** Server-sent events as OpenAI frames them: `data: <chunk>` each, then `data: [DONE]`. */
export function sseEvents(chunks: OpenAI.ChatCompletionChunk[]): string[] {
  return [...chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`), 'data: [DONE]\n\n'];
}

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

// Types and codes as OpenAI's API sends them, so client code that branches on them is exercised.
const failureKinds: Record<ScriptedFailureStatus, { type: string; code: string; message: string }> = {
  400: { type: 'invalid_request_error', code: 'bad_request', message: 'Bad request (scripted failure)' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided (scripted failure)' },
  403: { type: 'invalid_request_error', code: 'permission_denied', message: 'Permission denied (scripted failure)' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist (scripted failure)' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached (scripted failure)' },
  500: { type: 'server_error', code: 'server_error', message: 'The server had an error (scripted failure)' },
  503: { type: 'server_error', code: 'service_unavailable', message: 'The engine is overloaded (scripted failure)' },
};

/** The error body a scripted failure of `status` sends. */
export function failureBody(status: ScriptedFailureStatus, message?: string): OpenAIErrorBody {
  const kind = failureKinds[status];
  return errorBody(message ?? kind.message, kind.type, kind.code);
}

export function errorBody(message: string, type: string, code: string | null): OpenAIErrorBody {
  return { error: { message, type, param: null, code } };
}
