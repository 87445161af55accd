import OpenAI, { APIConnectionError, APIError, InternalServerError, RateLimitError } from 'openai';
import { ScriptedModelServer, startScriptedModel, times, whenToolResult, whenUserSays } from '../../../src/testing';

let server: ScriptedModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Parameters<typeof startScriptedModel>[0]): Promise<OpenAI> {
  server = await startScriptedModel(options);
  // No SDK retries, so each call is exactly one request to the script.
  return new OpenAI({ apiKey: 'test', baseURL: server.url, maxRetries: 0 });
}

const ask = (client: OpenAI, text: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
  client.chat.completions.create({ model: 'test-model', messages: [{ role: 'user', content: text }], ...extra });

/** The error a promise rejects with, so its fields can be checked. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

test('listens on a free port of 127.0.0.1 and gives a base URL ending in /v1', async () => {
  const client = await start({});
  expect(server!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  const models = await client.models.list();
  expect(models.data.map((m) => m.id)).toEqual(['scripted-model']);
});

test('answers scripted replies in order, one per request, in OpenAI shape', async () => {
  const client = await start({
    script: [{ content: 'first' }, { toolCalls: [{ name: 'search', args: { q: 'temporal' } }] }, { content: 'third' }],
  });

  const first = await ask(client, 'hello');
  expect(first).toMatchObject({
    id: 'chatcmpl-scripted-1',
    object: 'chat.completion',
    model: 'test-model',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'first' } }],
  });
  expect(first.choices[0].message.tool_calls).toBeUndefined();
  expect(typeof first.created).toBe('number');

  const second = await ask(client, 'search please');
  expect(second.choices[0].finish_reason).toBe('tool_calls');
  expect(second.choices[0].message.content).toBeNull();
  expect(second.choices[0].message.tool_calls).toEqual([
    { id: 'call_1', type: 'function', function: { name: 'search', arguments: '{"q":"temporal"}' } },
  ]);

  expect((await ask(client, 'again')).choices[0].message.content).toBe('third');
  expect(server!.scriptRemaining).toBe(0);
});

test('numbers tool calls call_1, call_2, ... across the server unless an id is given', async () => {
  const client = await start({
    script: [
      { toolCalls: [{ name: 'a', args: {} }, { name: 'b', args: {}, id: 'mine' }] },
      { toolCalls: [{ name: 'c', args: { n: 1 } }] },
    ],
  });
  const ids = async () => ((await ask(client, 'go')).choices[0].message.tool_calls ?? []).map((c) => c.id);
  expect(await ids()).toEqual(['call_1', 'mine']);
  expect(await ids()).toEqual(['call_2']);
});

test('computes usage deterministically: one token per 4 characters, rounded up', async () => {
  const client = await start({ script: [{ content: 'abcdefghi' }] }); // 9 characters
  const completion = await ask(client, '12345678'); // 8 characters
  expect(completion.usage).toEqual({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
});

test('records every request body it was sent, in order', async () => {
  const client = await start({ script: [{ content: 'a' }, { fail: 500 }] });
  const tools: OpenAI.ChatCompletionFunctionTool[] = [
    { type: 'function', function: { name: 'pay', description: 'Pay', parameters: { type: 'object', properties: {} } } },
  ];
  await ask(client, 'one', { tools, temperature: 0 });
  await rejection(ask(client, 'two'));
  expect(server!.requests).toHaveLength(2);
  expect(server!.requests[0]).toMatchObject({ model: 'test-model', temperature: 0, tools, messages: [{ role: 'user', content: 'one' }] });
  expect(server!.requests[1].messages).toEqual([{ role: 'user', content: 'two' }]);
});

test('answers from rules tried in order: a user message, then a tool result', async () => {
  const client = await start({
    rules: [
      whenToolResult('pay', { content: 'Paid.' }),
      whenUserSays('pay', { toolCalls: [{ name: 'pay', args: { amount: 10 } }] }),
      whenUserSays(/.*/, (request) => ({ content: `You said ${request.messages.length} message(s)` })),
    ],
  });

  const turn1 = await ask(client, 'please pay Bob');
  const call = turn1.choices[0].message.tool_calls![0];
  expect(call).toMatchObject({ type: 'function', function: { name: 'pay', arguments: '{"amount":10}' } });

  const turn2 = await client.chat.completions.create({
    model: 'test-model',
    messages: [
      { role: 'user', content: 'please pay Bob' },
      turn1.choices[0].message,
      { role: 'tool', tool_call_id: call.id, content: 'ok' },
    ],
  });
  expect(turn2.choices[0].message.content).toBe('Paid.');

  expect((await ask(client, 'hi')).choices[0].message.content).toBe('You said 1 message(s)');
});

test('consumes the script before trying the rules', async () => {
  const client = await start({ script: [{ fail: 429 }], rules: [whenUserSays('hi', { content: 'from rule' })] });
  await expect(ask(client, 'hi')).rejects.toBeInstanceOf(RateLimitError);
  expect((await ask(client, 'hi')).choices[0].message.content).toBe('from rule');
});

test('times() lets a rule answer only so many requests', async () => {
  const client = await start({ rules: [times(whenUserSays('x', { content: 'once' })), whenUserSays('x', { content: 'after' })] });
  expect((await ask(client, 'x')).choices[0].message.content).toBe('once');
  expect((await ask(client, 'x')).choices[0].message.content).toBe('after');
});

test('fails with 429 on cue, with a retry-after header and an OpenAI error body', async () => {
  const client = await start({ script: [{ fail: 429, retryAfterSeconds: 7 }] });
  const error = await rejection(ask(client, 'hi'));
  expect(error).toBeInstanceOf(RateLimitError);
  const rateLimited = error as RateLimitError;
  expect(rateLimited.status).toBe(429);
  expect(rateLimited.headers.get('retry-after')).toBe('7');
  expect(rateLimited.code).toBe('rate_limit_exceeded');
  expect(rateLimited.message).toContain('Rate limit reached');
});

test('fails with 500 on cue with the given message', async () => {
  const client = await start({ script: [{ fail: 500, message: 'engine melted' }] });
  const error = await rejection(ask(client, 'hi'));
  expect(error).toBeInstanceOf(InternalServerError);
  expect(error).toMatchObject({ status: 500, type: 'server_error', message: '500 engine melted' });
});

test('answers a slow reply only after its delay', async () => {
  const client = await start({ script: [{ delayMs: 300, then: { content: 'finally' } }] });
  const began = Date.now();
  const completion = await ask(client, 'hi');
  expect(Date.now() - began).toBeGreaterThanOrEqual(290);
  expect(completion.choices[0].message.content).toBe('finally');
});

test('a slow reply outlasting the client timeout fails the call, and close() does not wait for it', async () => {
  server = await startScriptedModel({ script: [{ delayMs: 10_000, then: { content: 'too late' } }] });
  const client = new OpenAI({ apiKey: 'test', baseURL: server.url, maxRetries: 0, timeout: 200 });
  const began = Date.now();
  // Under jest the SDK reports its own timeout as a plain APIConnectionError (fetch's AbortError is
  // from another realm), outside jest as APIConnectionTimeoutError, its subclass.
  await expect(ask(client, 'hi')).rejects.toBeInstanceOf(APIConnectionError);
  await server.close();
  server = undefined;
  expect(Date.now() - began).toBeLessThan(5_000);
});

test('answers 500 naming the last user message when nothing matches', async () => {
  const client = await start({ script: [{ content: 'only one' }], rules: [whenUserSays('pay', { content: 'x' })] });
  await ask(client, 'first');
  const error = await rejection(ask(client, 'what is the weather?'));
  expect(error).toBeInstanceOf(InternalServerError);
  expect((error as APIError).code).toBe('no_scripted_reply');
  expect((error as APIError).message).toContain('No scripted reply matched request #2');
  expect((error as APIError).message).toContain('"what is the weather?"');
});

/** Every chunk of a streamed answer, read with the real client. */
async function streamed(client: OpenAI, text: string, includeUsage = true): Promise<OpenAI.ChatCompletionChunk[]> {
  const stream = await client.chat.completions.create({
    model: 'test-model',
    messages: [{ role: 'user', content: text }],
    stream: true,
    ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
  });
  const chunks: OpenAI.ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

test('streams a text answer as chat.completion.chunks the openai client reads: a word per chunk, then the finish reason, then the usage', async () => {
  const client = await start({ script: [{ content: 'Hello there, streaming world.' }] });
  const chunks = await streamed(client, 'hi');
  expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === 'chatcmpl-scripted-1')).toBe(true);
  const deltas = chunks.flatMap((c) => c.choices.map((choice) => choice.delta.content ?? ''));
  expect(deltas).toEqual(['', 'Hello', ' there,', ' streaming', ' world.', '']);
  expect(chunks.at(-2)!.choices[0].finish_reason).toBe('stop');
  const last = chunks.at(-1)!;
  expect(last.choices).toEqual([]);
  expect(last.usage).toEqual({ prompt_tokens: 1, completion_tokens: 8, total_tokens: 9 });
  expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
});

test('streams tool calls as OpenAI does: id and name first, then the arguments in pieces', async () => {
  const client = await start({ script: [{ toolCalls: [{ name: 'pay', args: { to: 'Bob', amount: 10 } }] }] });
  const chunks = await streamed(client, 'pay Bob');
  expect(chunks[0].choices[0].delta).toMatchObject({ role: 'assistant', content: null });
  const pieces = chunks.flatMap((c) => c.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
  expect(pieces[0]).toEqual({ index: 0, id: 'call_1', type: 'function', function: { name: 'pay', arguments: '' } });
  expect(pieces.length).toBeGreaterThan(2);
  expect(pieces.map((p) => p.function?.arguments ?? '').join('')).toBe('{"to":"Bob","amount":10}');
  expect(chunks.at(-2)!.choices[0].finish_reason).toBe('tool_calls');
});

test('without stream_options.include_usage, no usage chunk and no usage keys', async () => {
  const client = await start({ script: [{ content: 'Short.' }] });
  const chunks = await streamed(client, 'hi', false);
  expect(chunks.at(-1)!.choices[0].finish_reason).toBe('stop');
  expect(chunks.some((c) => 'usage' in c)).toBe(false);
});

test('chunkDelayMs spaces the chunks out, so the first arrives long before the last', async () => {
  const client = await start({ script: [{ content: 'one two three four', chunkDelayMs: 100 }] });
  const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
  const arrivals: number[] = [];
  for await (const chunk of stream) if (chunk.choices[0]?.delta.content) arrivals.push(Date.now());
  expect(arrivals).toHaveLength(4);
  expect(arrivals[3] - arrivals[0]).toBeGreaterThanOrEqual(250);
  expect(server!.requests[0].stream).toBe(true);
});

test('a scripted failure of a streaming request is an error response, as OpenAI answers one', async () => {
  const client = await start({ script: [{ fail: 500, message: 'boom' }] });
  const error = await rejection(streamed(client, 'hi'));
  expect(error).toBeInstanceOf(InternalServerError);
  expect((error as APIError).message).toContain('boom');
});

test('refuses a body that is not a chat completions request', async () => {
  await start({});
  const response = await fetch(`${server!.url}/chat/completions`, { method: 'POST', body: '{"messages": "nope"}' });
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  expect(server!.requests).toHaveLength(0);
});
