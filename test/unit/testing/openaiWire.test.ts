import { completionChunks, sseEvents, textPieces } from '../../../src/testing/openaiWire';
import type OpenAI from 'openai';

const completion: OpenAI.ChatCompletion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 7,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: ' two  words ', refusal: null }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 },
};

test('text pieces are words with the whitespace before them, and join back to the text exactly', () => {
  expect(textPieces(' two  words ')).toEqual([' two', '  words', ' ']);
  expect(textPieces('')).toEqual([]);
  const text = 'Line one.\nLine  two\t end';
  expect(textPieces(text).join('')).toBe(text);
});

test('the SSE body frames each chunk as one data event and ends with data: [DONE]', () => {
  const events = sseEvents(completionChunks(completion, true));
  expect(events.at(-1)).toBe('data: [DONE]\n\n');
  for (const event of events.slice(0, -1)) expect(event).toMatch(/^data: \{.*\}\n\n$/s);
  const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice('data: '.length)) as OpenAI.ChatCompletionChunk);
  expect(chunks.map((c) => c.choices[0]?.delta.content ?? null)).toEqual(['', ' two', '  words', ' ', null, null]);
  expect(chunks.at(-1)).toEqual({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 7, model: 'm', choices: [], usage: completion.usage });
});
