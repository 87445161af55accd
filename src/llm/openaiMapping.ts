// Between the state's message shape and OpenAI's chat completions API, both ways.
import { ApplicationFailure } from '@temporalio/common';
import type OpenAI from 'openai';
import type { Message, ToolCall } from '../graph/messages';
import type { CallModelInput, CallModelOutput, ModelTool } from './types';

/** The chat completions request for `input`, sent to `model`. */
export function toOpenAIRequest(input: CallModelInput, model: string): OpenAI.ChatCompletionCreateParamsNonStreaming {
  return {
    model,
    messages: input.messages.map(toOpenAIMessage),
    // OpenAI refuses an empty tools array, so it is left out.
    ...(input.tools?.length ? { tools: input.tools.map(toOpenAITool) } : {}),
    ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
  };
}

/** The same request, streamed: chunks as the model writes them, the usage in a last chunk. */
export function toOpenAIStreamingRequest(input: CallModelInput, model: string): OpenAI.ChatCompletionCreateParamsStreaming {
  return { ...toOpenAIRequest(input, model), stream: true, stream_options: { include_usage: true } };
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

/** The completion's first choice as a state message, with the usage; a reply without one is a broken server. */
export function fromCompletion(completion: OpenAI.ChatCompletion, model: string): CallModelOutput {
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

/**
 * A streamed completion put back together chunk by chunk (text, tool call deltas by index, finish
 * reason, usage), so that a streamed call returns what fromCompletion makes of the unstreamed one.
 */
export class StreamedCompletion {
  id = '';
  /** The reply's text so far. */
  content = '';
  private created = 0;
  private model = '';
  /** OpenAI sends null content beside tool calls: null until some text (even '') arrives. */
  private hasContent = false;
  private readonly toolCalls: Array<{ id: string; name: string; arguments: string }> = [];
  private finishReason: OpenAI.ChatCompletion.Choice['finish_reason'] | undefined;
  private choices = 0;
  private usage: OpenAI.CompletionUsage | undefined;

  add(chunk: OpenAI.ChatCompletionChunk): void {
    this.id ||= chunk.id;
    this.created ||= chunk.created;
    this.model ||= chunk.model;
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices.find((c) => c.index === 0);
    if (!choice) return; // the usage chunk has no choices
    this.choices = 1;
    const { delta } = choice;
    if (typeof delta.content === 'string') {
      this.content += delta.content;
      this.hasContent = true;
    }
    for (const call of delta.tool_calls ?? []) {
      const into = (this.toolCalls[call.index] ??= { id: '', name: '', arguments: '' });
      into.id ||= call.id ?? '';
      into.name += call.function?.name ?? '';
      into.arguments += call.function?.arguments ?? '';
    }
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
  }

  /** The completion the chunks make, as the unstreamed call returns it (no choices if none came). */
  completion(): OpenAI.ChatCompletion {
    const toolCalls = this.toolCalls.filter(Boolean).map((c): OpenAI.ChatCompletionMessageFunctionToolCall => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
    const message: OpenAI.ChatCompletionMessage = {
      role: 'assistant',
      content: this.hasContent ? this.content : null,
      refusal: null,
      ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
    };
    return {
      id: this.id,
      object: 'chat.completion',
      created: this.created,
      model: this.model,
      choices: this.choices ? [{ index: 0, message, finish_reason: this.finishReason ?? 'stop', logprobs: null }] : [],
      ...(this.usage ? { usage: this.usage } : {}),
    };
  }
}
