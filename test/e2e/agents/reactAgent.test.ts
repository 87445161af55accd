import { Context } from '@temporalio/activity';
import { createLlmActivities } from '../../../src/llm/activity';
import type { CallModelInput, ModelUsage } from '../../../src/llm/types';
import { Command } from '../../../src';
import type { Message } from '../../../src/graph/messages';
import { contentText, lastMessage, startScriptedModel, times, whenToolResult, whenUserSays, type ScriptedModelServer } from '../../../src/testing';
import { requests, requestsAbout, userSays } from '../../helpers/agentTest';
import { GraphTestEnv, startGraphTest } from '../../helpers/harness';

// What createReactAgent does whatever the tools: breakpoints, token usage, model failures.

/** Usage of every successful model call, per thread. */
const usageByThread = new Map<string, ModelUsage[]>();

let model: ScriptedModelServer;
let env: GraphTestEnv;
beforeAll(async () => {
  model = await startScriptedModel({
    rules: [
      whenUserSays('Search for durable execution', { toolCalls: [{ name: 'search_web', args: { query: 'durable execution' } }] }),
      whenUserSays('Email Ada at the breakpoint', {
        toolCalls: [{ name: 'send_email', args: { to: 'ada@example.com', subject: 'Hi', body: 'Paused first.' } }],
      }),
      whenUserSays('Search for token counting', { toolCalls: [{ name: 'search_web', args: { query: 'token counting' } }] }),
      whenUserSays('Thanks, that is all', { content: 'You are welcome.' }),
      whenUserSays('Trigger a 401', { fail: 401 }),
      times(whenUserSays('Rate limit me once', { fail: 429, retryAfterSeconds: 1 }), 1),
      whenUserSays('Rate limit me once', { content: 'Answered after a retry.' }),
      whenToolResult('search_web', (request) => {
        const last = lastMessage(request);
        return { content: `Results: ${last?.role === 'tool' ? contentText(last.content) : ''}` };
      }),
      whenToolResult('send_email', { content: 'Sent.' }),
    ],
  });
  const llm = createLlmActivities({ apiKey: 'test', baseURL: model.url });
  env = await startGraphTest({
    llm: { apiKey: 'test', baseURL: model.url },
    activities: {
      async callModel(input: CallModelInput) {
        const output = await llm.callModel(input);
        const threadId = Context.current().info.workflowExecution?.workflowId ?? '';
        usageByThread.set(threadId, [...(usageByThread.get(threadId) ?? []), output.usage]);
        return output;
      },
    },
  });
});
afterAll(async () => {
  await env.stop();
  await model.close();
});

test("interruptBefore: ['tools'] pauses before the tools run, and replacing the model's message (same id) edits the call that runs", async () => {
  const config = env.config(env.threadId('agent'));
  const graph = env.client.graph('breakpointAgent');
  const paused = await graph.invoke(userSays('Search for durable execution'), config);
  expect(paused.__interrupt__).toEqual([]);
  const state = await graph.getState(config);
  expect(state).toMatchObject({ status: 'interrupted', next: ['tools'] });

  const ai = (paused.messages as Message[])[1] as Extract<Message, { role: 'assistant' }>;
  const call = ai.tool_calls![0];
  const edited = { ...ai, tool_calls: [{ ...call, function: { ...call.function, arguments: JSON.stringify({ query: 'Temporal durable execution' }) } }] };
  await graph.updateState(config, { messages: [edited] });
  const done = await graph.invoke(null, config);

  expect(done.__interrupt__).toBeUndefined();
  const messages = done.messages as Message[];
  expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
  expect(messages[1]).toEqual(edited);
  expect(messages[2].content).toContain('https://example.com/temporal-durable-execution');
});

test('with the breakpoint passed, a risky call still waits for its human', async () => {
  const threadId = env.threadId('agent');
  const config = env.config(threadId);
  const graph = env.client.graph('breakpointAgent');
  expect((await graph.invoke(userSays('Email Ada at the breakpoint'), config)).__interrupt__).toEqual([]);
  const asked = await graph.invoke(null, config);
  expect(requests(asked.__interrupt__).map((r) => r.value.action_request.action)).toEqual(['send_email']);
  expect(env.effects(threadId)).toEqual([]);
  await graph.invoke(new Command({ resume: { type: 'accept', args: null } }), config);
  expect(env.effects(threadId).map((e) => e.action)).toEqual(['sendEmail']);
});

test('token usage accumulates in state over every model call of the thread, across turns', async () => {
  const threadId = env.threadId('agent');
  const config = env.config(threadId);
  const graph = env.client.graph('emailAgent');
  const sum = (list: ModelUsage[]) =>
    list.reduce((a, b) => ({
      promptTokens: a.promptTokens + b.promptTokens,
      completionTokens: a.completionTokens + b.completionTokens,
      totalTokens: a.totalTokens + b.totalTokens,
    }));

  const first = await graph.invoke(userSays('Search for token counting'), config);
  expect(usageByThread.get(threadId)).toHaveLength(2);
  expect(first.usage).toEqual(sum(usageByThread.get(threadId)!));
  expect((first.usage as ModelUsage).totalTokens).toBeGreaterThan(0);

  const second = await graph.invoke(userSays('Thanks, that is all'), config);
  expect(usageByThread.get(threadId)).toHaveLength(3);
  expect(second.usage).toEqual(sum(usageByThread.get(threadId)!));
  expect((second.usage as ModelUsage).totalTokens).toBeGreaterThan((first.usage as ModelUsage).totalTokens);
});

test('a model answering 401 fails the agent node with NODE_FAILED at once: the call is not retried', async () => {
  const config = env.config(env.threadId('agent'));
  const graph = env.client.graph('emailAgent');
  const failure = await graph.invoke(userSays('Trigger a 401'), config).catch((err: Error) => err);
  expect(failure).toMatchObject({ code: 'NODE_FAILED' });
  expect((failure as Error).message).toContain('answered 401');
  const state = await graph.getState(config);
  expect(state).toMatchObject({ status: 'error', next: ['agent'] });
  expect(state.tasks[0].error).toMatchObject({ code: 'NODE_FAILED', node: 'agent' });
  expect(requestsAbout(model, 'Trigger a 401')).toHaveLength(1);
});

test('a model answering 429 once is retried by Temporal after its retry-after, and the run succeeds', async () => {
  const config = env.config(env.threadId('agent'));
  const done = await env.client.graph('emailAgent').invoke(userSays('Rate limit me once'), config);
  expect((done.messages as Message[]).at(-1)).toMatchObject({ role: 'assistant', content: 'Answered after a retry.' });
  expect(requestsAbout(model, 'Rate limit me once')).toHaveLength(2);
});
