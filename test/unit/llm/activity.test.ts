import { ApplicationFailure } from '@temporalio/common';
import type { Message } from '../../../src/graph/messages';
import { callModel, createLlmActivities } from '../../../src/llm/activity';
import type { CallModelInput } from '../../../src/llm/types';
import { ScriptedModelServer, ScriptedReply, startScriptedModel } from '../../../src/testing';

const ENV_KEYS = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_MODEL'] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
let server: ScriptedModelServer | undefined;

beforeEach(() => {
  for (const key of ENV_KEYS) delete process.env[key];
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => {
  for (const key of ENV_KEYS) if (savedEnv[key] !== undefined) process.env[key] = savedEnv[key];
});

/** A callModel bound to a fresh scripted server that gives `script`. */
async function modelWith(script: ScriptedReply[], timeoutMs?: number) {
  server = await startScriptedModel({ script });
  return createLlmActivities({ baseURL: server.url, apiKey: 'test-key', timeoutMs }).callModel;
}

const hello: CallModelInput = { messages: [{ role: 'user', content: 'hello' }] };

/** The ApplicationFailure a call rejects with. */
async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationFailure);
    return error as ApplicationFailure;
  }
  throw new Error('expected the call to fail');
}

test('returns the tool calls in the state message shape, with the completion id and usage', async () => {
  const call = await modelWith([{ toolCalls: [{ name: 'pay', args: { to: 'Bob', amount: 10 } }, { name: 'log', args: {} }] }]);
  const output = await call(hello);
  expect(output.message).toEqual({
    id: 'chatcmpl-scripted-1',
    role: 'assistant',
    content: null,
    tool_calls: [
      { id: 'call_1', type: 'function', function: { name: 'pay', arguments: '{"to":"Bob","amount":10}' } },
      { id: 'call_2', type: 'function', function: { name: 'log', arguments: '{}' } },
    ],
  });
  expect(JSON.parse(output.message.tool_calls![0].function.arguments)).toEqual({ to: 'Bob', amount: 10 });
  // "hello" is 5 characters: 2 prompt tokens; the completion is the names plus the arguments.
  const completionTokens = Math.ceil(('pay{"to":"Bob","amount":10}' + 'log{}').length / 4);
  expect(output.usage).toEqual({ promptTokens: 2, completionTokens, totalTokens: 2 + completionTokens });
});

test('returns a text answer without a tool_calls key', async () => {
  const call = await modelWith([{ content: 'Hi there' }]);
  const { message } = await call(hello);
  expect(message).toEqual({ id: 'chatcmpl-scripted-1', role: 'assistant', content: 'Hi there' });
});

test('with stream: true, streams from the model and returns what the unstreamed call returns', async () => {
  const answers: ScriptedReply[] = [
    { content: 'Hi there, streamed.' },
    { content: 'Paying.', toolCalls: [{ name: 'pay', args: { to: 'Bob', amount: 10 } }, { name: 'log', args: {} }] },
    { toolCalls: [{ name: 'log', args: { line: 'a longer argument than one chunk holds' } }] },
  ];
  const call = await modelWith([...answers, ...answers]);
  const streamedOutputs = [];
  for (let i = 0; i < answers.length; i++) streamedOutputs.push(await call({ ...hello, stream: true }));
  const plain = [];
  for (let i = 0; i < answers.length; i++) plain.push(await call(hello));
  // Completion and call ids count on across the server; everything else is the same.
  const renumbered = (o: object) => JSON.parse(JSON.stringify(o).replace(/chatcmpl-scripted-\d+/g, 'ID').replace(/call_\d+/g, 'CALL')) as unknown;
  expect(streamedOutputs.map(renumbered)).toEqual(plain.map(renumbered));
  expect(streamedOutputs[1].message.tool_calls).toHaveLength(2);
  expect(streamedOutputs[0].usage.totalTokens).toBeGreaterThan(0);
  expect(server!.requests.slice(0, 3).every((r) => r.stream === true && r.stream_options?.include_usage === true)).toBe(true);
  expect(server!.requests.slice(3).every((r) => r.stream === undefined)).toBe(true);
});

test('a streaming call that fails is classified as an unstreamed one: 401 is a non-retryable ModelAuthError', async () => {
  const call = await modelWith([{ fail: 401 }]);
  const failure = await failureOf(call({ ...hello, stream: true }));
  expect(failure.type).toBe('ModelAuthError');
  expect(failure.nonRetryable).toBe(true);
});

test('sends only OpenAI fields: message ids and empty tool_calls are left out', async () => {
  const call = await modelWith([{ content: 'ok' }]);
  const messages: Message[] = [
    { id: 'm0', role: 'system', content: 'Be brief.' },
    { id: 'm1', role: 'user', content: 'pay Bob', name: 'alice' },
    { id: 'm2', role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'pay', arguments: '{}' } }] },
    { id: 'm3', role: 'tool', content: 'paid', tool_call_id: 'c1' },
    { id: 'm4', role: 'assistant', content: 'Done.', tool_calls: [] },
  ];
  await call({ messages });
  expect(server!.requests[0].messages).toEqual([
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'pay Bob', name: 'alice' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'pay', arguments: '{}' } }] },
    { role: 'tool', content: 'paid', tool_call_id: 'c1' },
    { role: 'assistant', content: 'Done.' },
  ]);
});

test('sends tools as OpenAI function tools, with the model and temperature asked for', async () => {
  const call = await modelWith([{ content: 'ok' }, { content: 'ok' }]);
  const parameters = { type: 'object', properties: { to: { type: 'string' } }, required: ['to'] };
  await call({ ...hello, tools: [{ name: 'pay', description: 'Pays someone', parameters }], model: 'gpt-test', temperature: 0 });
  expect(server!.requests[0]).toMatchObject({
    model: 'gpt-test',
    temperature: 0,
    tools: [{ type: 'function', function: { name: 'pay', description: 'Pays someone', parameters } }],
  });

  await call({ ...hello, tools: [] });
  expect(server!.requests[1]).not.toHaveProperty('tools'); // OpenAI refuses an empty tools array
  expect(server!.requests[1]).not.toHaveProperty('temperature');
  expect(server!.requests[1].model).toBe('gpt-4o-mini');
});

test('401 is a non-retryable ModelAuthError naming the status', async () => {
  const call = await modelWith([{ fail: 401 }]);
  const failure = await failureOf(call(hello));
  expect(failure).toMatchObject({ type: 'ModelAuthError', nonRetryable: true });
  expect(failure.message).toContain('401');
  expect(failure.message).toContain('OPENAI_API_KEY');
});

test('400 is a non-retryable ModelBadRequest', async () => {
  const call = await modelWith([{ fail: 400, message: 'tools[0] is invalid' }]);
  const failure = await failureOf(call(hello));
  expect(failure).toMatchObject({ type: 'ModelBadRequest', nonRetryable: true });
  expect(failure.message).toContain('400');
  expect(failure.message).toContain('tools[0] is invalid');
});

test('429 is a retryable ModelRateLimited that waits as long as retry-after asks', async () => {
  const call = await modelWith([{ fail: 429, retryAfterSeconds: 2 }]);
  const failure = await failureOf(call(hello));
  expect(failure).toMatchObject({ type: 'ModelRateLimited', nonRetryable: false, nextRetryDelay: 2000 });
  expect(failure.message).toContain('429');
});

test('500 is a retryable ModelUnavailable', async () => {
  const call = await modelWith([{ fail: 500 }]);
  const failure = await failureOf(call(hello));
  expect(failure).toMatchObject({ type: 'ModelUnavailable', nonRetryable: false });
  expect(failure.message).toContain('500');
});

test('a model slower than the timeout is a retryable ModelUnavailable', async () => {
  const call = await modelWith([{ delayMs: 5_000, then: { content: 'late' } }], 200);
  const failure = await failureOf(call(hello));
  expect(failure).toMatchObject({ type: 'ModelUnavailable', nonRetryable: false });
  expect(failure.message).toContain('within 200 ms');
});

test('a server that cannot be reached is a retryable ModelUnavailable', async () => {
  const call = await modelWith([]);
  await server!.close(); // nothing listens on that port any more
  server = undefined;
  const failure = await failureOf(call(hello));
  expect(failure).toMatchObject({ type: 'ModelUnavailable', nonRetryable: false });
  expect(failure.message).toContain('Could not reach');
});

test('without OPENAI_API_KEY or OPENAI_BASE_URL, fails non-retryably saying what to set', async () => {
  const failure = await failureOf(callModel(hello));
  expect(failure).toMatchObject({ type: 'ModelConfigError', nonRetryable: true });
  expect(failure.message).toContain('OPENAI_API_KEY');
  expect(failure.message).toContain('OPENAI_BASE_URL');
});

test('reads OPENAI_BASE_URL and OPENAI_MODEL at call time; a base URL alone needs no key', async () => {
  server = await startScriptedModel({ script: [{ content: 'from env' }] });
  process.env.OPENAI_BASE_URL = server.url; // set after the activity module was loaded
  process.env.OPENAI_MODEL = 'env-model';
  const { message } = await callModel(hello);
  expect(message.content).toBe('from env');
  expect(server.requests[0].model).toBe('env-model');
});

test('explicit config wins over the environment', async () => {
  server = await startScriptedModel({ script: [{ content: 'from config' }] });
  process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9/v1'; // would fail if used
  process.env.OPENAI_MODEL = 'env-model';
  const { callModel: configured } = createLlmActivities({ baseURL: server.url, model: 'config-model' });
  expect((await configured(hello)).message.content).toBe('from config');
  expect(server.requests[0].model).toBe('config-model');
});
