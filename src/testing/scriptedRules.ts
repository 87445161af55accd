import type OpenAI from 'openai';
import { contentText } from './openaiWire';
import type { ScriptedReply, ScriptedRequest, ScriptedRule } from './scriptedTypes';

type RequestMessage = OpenAI.ChatCompletionMessageParam;

/** A reply, or a function making one from the request (e.g. to echo what a tool returned). */
export type ReplyFrom = ScriptedReply | ((request: ScriptedRequest) => ScriptedReply);

function resolve(reply: ReplyFrom, request: ScriptedRequest): ScriptedReply {
  return typeof reply === 'function' ? reply(request) : reply;
}

/** The last message of the request, if any. */
export function lastMessage(request: ScriptedRequest): RequestMessage | undefined {
  return request.messages[request.messages.length - 1];
}

/** The text of the last user message anywhere in the request, if any. */
export function lastUserText(request: ScriptedRequest): string | undefined {
  const user = [...request.messages].reverse().find((m) => m.role === 'user');
  return user ? contentText(user.content) : undefined;
}

/** The name of the tool whose call a tool message answers, found in the assistant messages. */
export function toolNameOf(request: ScriptedRequest, toolCallId: string): string | undefined {
  for (const m of request.messages) {
    if (m.role !== 'assistant' || !m.tool_calls) continue;
    const call = m.tool_calls.find((c) => c.id === toolCallId);
    if (call) return call.type === 'function' ? call.function.name : call.custom.name;
  }
  return undefined;
}

function matches(text: string, pattern: string | RegExp): boolean {
  return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
}

/**
 * Replies when the request ends with a user message containing `pattern`. Only the final message
 * counts, so the rule does not fire again once tool results follow that user message.
 */
export function whenUserSays(pattern: string | RegExp, reply: ReplyFrom): ScriptedRule {
  return (request) => {
    const last = lastMessage(request);
    return last?.role === 'user' && matches(contentText(last.content), pattern) ? resolve(reply, request) : undefined;
  };
}

/** Replies when the request ends with the result of a call to the tool `toolName`. */
export function whenToolResult(toolName: string, reply: ReplyFrom): ScriptedRule {
  return (request) => {
    const last = lastMessage(request);
    return last?.role === 'tool' && toolNameOf(request, last.tool_call_id) === toolName
      ? resolve(reply, request)
      : undefined;
  };
}

/** Replies to every request: a fallback to put last. */
export function always(reply: ReplyFrom): ScriptedRule {
  return (request) => resolve(reply, request);
}

/** Lets `rule` answer at most `times` requests (default once), then steps aside. */
export function times(rule: ScriptedRule, count = 1): ScriptedRule {
  let left = count;
  return (request) => {
    if (left <= 0) return undefined;
    const reply = rule(request);
    if (reply !== undefined) left--;
    return reply;
  };
}
