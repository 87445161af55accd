import { Command } from '../../../src';
import type { HumanResponse } from '../../../src/agent/humanInterrupt';
import { whenToolResult, whenUserSays } from '../../../src/testing';
import { ADA, BOB, reportToolResult, sends } from '../../helpers/emailScenario';
import { AgentTestEnv, requests, requestsAbout, startAgentTest, userSays } from '../../helpers/agentTest';

let env: AgentTestEnv;
beforeAll(async () => {
  env = await startAgentTest({
    rules: [
      whenUserSays('Find news about Temporal', { toolCalls: [{ name: 'search_web', args: { query: 'Temporal' } }] }),
      sends('Email Ada as drafted', ADA),
      sends('Email Ada, I may edit it', ADA),
      sends('Email Ada, I may refuse', ADA),
      sends('Email Ada, I may ignore it', ADA),
      sends('Email Ada, inbox style', ADA),
      sends('Email Ada, bad edit', ADA),
      sends('Email without an address', { subject: 'Hi', body: 'No recipient.' }),
      sends('Email Ada and Bob together', ADA, BOB),
      sends('Email Ada and Bob one by one', ADA, BOB),
      sends('Email Ada and Bob, then drop the thread', ADA, BOB),
      whenToolResult('send_email', reportToolResult),
      whenToolResult('search_web', reportToolResult),
    ],
  });
});
afterAll(() => env.stop());

const graph = () => env.client.graph('emailAgent');

test('search_web runs without asking and its results reach the model', async () => {
  const threadId = env.threadId('email');
  const done = await graph().invoke(userSays('Find news about Temporal'), env.config(threadId));
  expect(done.__interrupt__).toBeUndefined();
  const messages = done.messages as Array<{ role: string; content: string }>;
  expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
  expect(messages[2].content).toContain('https://example.com/temporal');
  expect(messages[3].content).toContain('Temporal: overview');
  expect(env.effects(threadId)).toEqual([]);
});

test('the model gets the system prompt first and each tool with the JSON Schema of its zod schema', async () => {
  await graph().invoke(userSays('Find news about Temporal, with the prompt'), env.config(env.threadId('email')));
  const [first] = requestsAbout(env.model, 'Find news about Temporal, with the prompt');
  expect(first.messages[0]).toEqual({ role: 'system', content: expect.stringContaining('You help the user research topics') });
  expect(first.tools).toEqual([
    {
      type: 'function',
      function: {
        name: 'send_email',
        description: 'Send an email. A human reviews every email before it goes out.',
        parameters: {
          type: 'object',
          properties: {
            to: expect.objectContaining({ type: 'string', format: 'email', description: 'Recipient address' }),
            subject: { type: 'string', minLength: 1 },
            body: { type: 'string', minLength: 1 },
          },
          required: ['to', 'subject', 'body'],
        },
      },
    },
    {
      type: 'function',
      function: {
        name: 'search_web',
        description: 'Search the web; returns titles, links and snippets.',
        parameters: { type: 'object', properties: { query: { type: 'string', minLength: 1 } }, required: ['query'] },
      },
    },
  ]);
});

test('send_email waits for a human as an agent-inbox request; accepted as is, the drafted email is sent once', async () => {
  const threadId = env.threadId('email');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('Email Ada as drafted'), config);
  expect(requests(paused.__interrupt__)).toEqual([
    {
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      value: {
        action_request: { action: 'send_email', args: ADA },
        config: { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: true },
        description: 'Send this email to ada@example.com with the subject "Launch"?',
        // The tool's JSON Schema, for an inbox's edit form.
        args_schema: expect.objectContaining({ type: 'object', required: ['to', 'subject', 'body'] }),
      },
    },
  ]);
  const waiting = await graph().getState(config);
  expect(waiting).toMatchObject({ status: 'interrupted', next: ['tools'] });
  expect(env.effects(threadId)).toEqual([]);

  const done = await graph().invoke(new Command({ resume: { type: 'accept', args: null } }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([['sendEmail', ADA]]);
  const messages = done.messages as Array<Record<string, unknown>>;
  const call = (messages[1].tool_calls as Array<{ id: string }>)[0];
  expect(messages[2]).toEqual({ id: `tool-${call.id}`, role: 'tool', content: 'sent to ada@example.com', tool_call_id: call.id });
  expect(messages[3]).toMatchObject({ role: 'assistant', content: 'Tool said: sent to ada@example.com' });
  expect((await graph().getState(config)).status).toBe('idle');
});

test('an edited subject is what is sent, and the transcript shows the call as it ran', async () => {
  const threadId = env.threadId('email');
  const config = env.config(threadId);
  await graph().invoke(userSays('Email Ada, I may edit it'), config);
  const edited = { ...ADA, subject: 'Launch moved to Tuesday' };
  const answer: HumanResponse = { type: 'edit', args: { action: 'send_email', args: edited } };
  const done = await graph().invoke(new Command({ resume: answer }), config);

  expect(env.effects(threadId).map((e) => e.details)).toEqual([edited]);
  const ai = (done.messages as Array<{ tool_calls?: Array<{ function: { arguments: string } }> }>)[1];
  expect(JSON.parse(ai.tool_calls![0].function.arguments)).toEqual(edited);
  // The model's next request carries the edited call, so it knows what was sent.
  const sent = requestsAbout(env.model, 'Email Ada, I may edit it');
  expect(sent).toHaveLength(2);
  const replayed = sent[1].messages.find((m) => m.role === 'assistant') as { tool_calls: Array<{ function: { arguments: string } }> };
  expect(JSON.parse(replayed.tool_calls[0].function.arguments)).toEqual(edited);
});

test("a human's response sends nothing, and the reason reaches the model as the call's tool message", async () => {
  const threadId = env.threadId('email');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('Email Ada, I may refuse'), config);
  const reason = 'Do not announce the launch before the press release.';
  const done = await graph().invoke(new Command({ resume: { type: 'response', args: reason } }), config);

  expect(env.effects(threadId)).toEqual([]);
  const sent = requestsAbout(env.model, 'Email Ada, I may refuse');
  expect(sent).toHaveLength(2);
  const callId = (paused.messages as Array<{ tool_calls?: Array<{ id: string }> }>)[1].tool_calls![0].id;
  expect(sent[1].messages[sent[1].messages.length - 1]).toEqual({ role: 'tool', content: reason, tool_call_id: callId });
  expect((done.messages as Array<{ content: string }>).at(-1)!.content).toBe(`Tool said: ${reason}`);
});

test('an ignored call is skipped and, as every call of the turn was ignored, the run ends without calling the model again', async () => {
  const threadId = env.threadId('email');
  const config = env.config(threadId);
  await graph().invoke(userSays('Email Ada, I may ignore it'), config);
  const done = await graph().invoke(new Command({ resume: { type: 'ignore', args: null } }), config);

  expect(done.__interrupt__).toBeUndefined();
  expect(env.effects(threadId)).toEqual([]);
  expect(requestsAbout(env.model, 'Email Ada, I may ignore it')).toHaveLength(1);
  const messages = done.messages as Array<{ role: string; content: string }>;
  expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
  expect(messages[2].content).toBe('Skipped: a human chose not to run send_email.');
  const state = await graph().getState(config);
  expect(state).toMatchObject({ status: 'idle', next: [] });
});

test('an answer wrapped in a one-element array, as Agent Inbox sends it, is accepted', async () => {
  const threadId = env.threadId('email');
  const config = env.config(threadId);
  await graph().invoke(userSays('Email Ada, inbox style'), config);
  await graph().invoke(new Command({ resume: [{ type: 'accept', args: null }] }), config);
  expect(env.effects(threadId).map((e) => e.details)).toEqual([ADA]);
});

test('an edit whose args fail the schema, names another action or is malformed is refused with INVALID_ANSWER and changes nothing', async () => {
  const threadId = env.threadId('email');
  const config = env.config(threadId);
  await graph().invoke(userSays('Email Ada, bad edit'), config);
  const before = await graph().getState(config);

  const badArgs = { type: 'edit', args: { action: 'send_email', args: { ...ADA, to: 'not an address' } } };
  const refused = await graph().invoke(new Command({ resume: badArgs }), config).catch((err: Error) => err);
  expect(refused).toMatchObject({ code: 'INVALID_ANSWER' });
  expect((refused as Error).message).toContain('edited args for "send_email" are invalid: to: Invalid email address');
  const otherAction = { type: 'edit', args: { action: 'search_web', args: { query: 'x' } } };
  const wrongAction = await graph().invoke(new Command({ resume: otherAction }), config).catch((err: Error) => err);
  expect(wrongAction).toMatchObject({ code: 'INVALID_ANSWER' });
  expect((wrongAction as Error).message).toContain('an edit must keep the action "send_email"');
  await expect(graph().invoke(new Command({ resume: { type: 'approve' } }), config)).rejects.toMatchObject({ code: 'INVALID_ANSWER' });
  await expect(graph().invoke(new Command({ resume: { type: 'response', args: '' } }), config)).rejects.toMatchObject({ code: 'INVALID_ANSWER' });

  expect(await graph().getState(config)).toEqual(before);
  expect(env.effects(threadId)).toEqual([]);
  // The request is still open: a valid answer goes through.
  await graph().invoke(new Command({ resume: { type: 'accept', args: null } }), config);
  expect(env.effects(threadId).map((e) => e.details)).toEqual([ADA]);
});

test('arguments from the model that fail the schema go back to the model as a tool error, without asking anyone', async () => {
  const threadId = env.threadId('email');
  const done = await graph().invoke(userSays('Email without an address'), env.config(threadId));
  expect(done.__interrupt__).toBeUndefined();
  expect(env.effects(threadId)).toEqual([]);
  const messages = done.messages as Array<{ role: string; content: string }>;
  expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
  expect(messages[2].content).toMatch(/^Error: invalid arguments for send_email: to: .+\. Fix them and call send_email again$/);
  const sent = requestsAbout(env.model, 'Email without an address');
  expect(sent[1].messages.at(-1)).toMatchObject({ role: 'tool', content: messages[2].content });
});

test('two risky calls in one model turn each wait with their own id, and one id map answers both', async () => {
  const threadId = env.threadId('email');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('Email Ada and Bob together'), config);
  const [ada, bob] = requests(paused.__interrupt__);
  expect([ada.value.action_request.args, bob.value.action_request.args]).toEqual([ADA, BOB]);
  expect(ada.id).not.toBe(bob.id);
  const waiting = await graph().getState(config);
  expect(waiting.tasks).toMatchObject([{ name: 'tools', interrupts: paused.__interrupt__! }]);
  await expect(graph().invoke(new Command({ resume: { type: 'accept', args: null } }), config)).rejects.toMatchObject({ code: 'AMBIGUOUS_RESUME' });

  const done = await graph().invoke(
    new Command({ resume: { [ada.id]: { type: 'accept', args: null }, [bob.id]: { type: 'ignore', args: null } } }),
    config,
  );
  expect(done.__interrupt__).toBeUndefined();
  expect(env.effects(threadId).map((e) => e.details)).toEqual([ADA]);
  const messages = done.messages as Array<{ role: string; content: string }>;
  // One call ran, so the model is called again and sees both tool messages.
  expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'assistant']);
  expect(messages.slice(2, 4).map((m) => m.content)).toEqual(['sent to ada@example.com', 'Skipped: a human chose not to run send_email.']);
});

test('two risky calls in one model turn answered one by one: the node waits for the second answer', async () => {
  const threadId = env.threadId('email');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('Email Ada and Bob one by one'), config);
  const [ada, bob] = requests(paused.__interrupt__);

  const half = await graph().invoke(new Command({ resume: { [ada.id]: { type: 'accept', args: null } } }), config);
  expect(half.__interrupt__).toEqual([{ id: bob.id, value: bob.value }]);
  const between = await graph().getState(config);
  expect(between).toMatchObject({ status: 'interrupted', next: ['tools'] });
  await expect(graph().invoke(new Command({ resume: { [ada.id]: { type: 'ignore', args: null } } }), config)).rejects.toMatchObject({
    code: 'ALREADY_ANSWERED',
  });

  const bobEdited = { ...BOB, body: 'Drinks on Friday at six.' };
  const done = await graph().invoke(new Command({ resume: { [bob.id]: [{ type: 'edit', args: { action: 'send_email', args: bobEdited } }] } }), config);
  expect(done.__interrupt__).toBeUndefined();
  const sentTo = env.effects(threadId).map((e) => e.details).sort((a, b) => String(a.to).localeCompare(String(b.to)));
  expect(sentTo).toEqual([ADA, bobEdited]);
  expect((done.messages as Array<{ role: string }>).map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'assistant']);
});

test('"ignore thread" (updateState null as END) drops every waiting call: nothing is sent, the thread is idle', async () => {
  const threadId = env.threadId('email');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('Email Ada and Bob, then drop the thread'), config);
  expect(paused.__interrupt__).toHaveLength(2);
  await graph().updateState(config, null, { asNode: '__end__' });
  const state = await graph().getState(config);
  expect(state).toMatchObject({ status: 'idle', next: [], interrupts: [] });
  expect(state.values.messages).toHaveLength(2);
  expect(env.effects(threadId)).toEqual([]);
});
