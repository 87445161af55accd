import type OpenAI from 'openai';

/**
 * A chat completions request body as the scripted model received it. Typed as OpenAI's params for
 * convenience; it arrived over the wire, so only `model` and `messages` are checked.
 */
export type ScriptedRequest = OpenAI.ChatCompletionCreateParams;

/** A tool call the scripted model makes; `id` defaults to `call_<n>`, n counting from 1 per server. */
export interface ScriptedToolCall {
  name: string;
  args: Record<string, unknown>;
  id?: string;
}

/** A normal answer: text, tool calls, or both. Neither gives an empty text answer. */
export interface ScriptedAnswer {
  content?: string;
  toolCalls?: ScriptedToolCall[];
  /** When the request streams: the wait between two chunks, so a test sees tokens arrive while the call runs (default 0). */
  chunkDelayMs?: number;
}

/** HTTP statuses the scripted model can fail with, each with OpenAI's error body. */
export type ScriptedFailureStatus = 400 | 401 | 403 | 404 | 429 | 500 | 503;

/** Fail this request on cue. A 429 carries a `retry-after` header (default 1 second). */
export interface ScriptedFailure {
  fail: ScriptedFailureStatus;
  message?: string;
  retryAfterSeconds?: number;
}

/** Answer slowly: wait `delayMs`, then give `then`. */
export interface ScriptedDelay {
  delayMs: number;
  then: ScriptedReply;
}

/** What the scripted model does with one request. */
export type ScriptedReply = ScriptedAnswer | ScriptedFailure | ScriptedDelay;

/** Looks at a request and returns a reply, or undefined to let the next rule try. */
export type ScriptedRule = (request: ScriptedRequest) => ScriptedReply | undefined;
