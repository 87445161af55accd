import { Command, type Interrupt } from '../../../src';
import type { HITLRequest, HITLResponse } from '../../../src/agent/hitlDecisions';
import { whenToolResult, whenUserSays } from '../../../src/testing';
import { ADA, BOB, reportToolResult, sends } from '../../helpers/emailScenario';
import { AgentTestEnv, requestsAbout, startAgentTest, userSays } from '../../helpers/agentTest';

/** The pending interrupts as LangChain v1 HITL requests, with their ids. */
function decisionRequests(interrupts: Interrupt[] | undefined): Array<{ id: string; value: HITLRequest }> {
  return (interrupts ?? []).map((i) => ({ id: i.id!, value: i.value as HITLRequest }));
}

let env: AgentTestEnv;
beforeAll(async () => {
  env = await startAgentTest({
    rules: [
      whenUserSays('Search for ada@example.com', { toolCalls: [{ name: 'search_web', args: { query: 'ada@example.com' } }] }),
      sends('V1: email Ada, approve it', ADA),
      sends('V1: email Ada, bare approve', ADA),
      sends('V1: email Ada, edit it', ADA),
      sends('V1: email Ada, bad edit', ADA),
      sends('V1: email Ada, reject it', ADA),
      sends('V1: email Ada, respond instead', ADA),
      sends('V1: email Ada and Bob', ADA, BOB),
      whenToolResult('send_email', reportToolResult),
      whenToolResult('search_web', reportToolResult),
    ],
  });
});
afterAll(() => env.stop());

const graph = () => env.client.graph('emailAgentV1');

test('send_email waits with an { actionRequests, reviewConfigs } request; { decisions: [approve] } sends it once', async () => {
  const threadId = env.threadId('email-v1');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('V1: email Ada, approve it'), config);
  expect(decisionRequests(paused.__interrupt__)).toEqual([
    {
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      value: {
        actionRequests: [{ name: 'send_email', args: ADA, description: 'Send this email to ada@example.com with the subject "Launch"?' }],
        reviewConfigs: [
          {
            actionName: 'send_email',
            allowedDecisions: ['approve', 'edit', 'reject', 'respond'],
            argsSchema: expect.objectContaining({ type: 'object', required: ['to', 'subject', 'body'] }),
          },
        ],
      },
    },
  ]);
  expect(env.effects(threadId)).toEqual([]);

  const answer: HITLResponse = { decisions: [{ type: 'approve' }] };
  const done = await graph().invoke(new Command({ resume: answer }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([['sendEmail', ADA]]);
  expect((done.messages as Array<{ content: string }>).at(-1)!.content).toBe('Tool said: sent to ada@example.com');
});

test('a bare decision, without { decisions }, is accepted too', async () => {
  const threadId = env.threadId('email-v1');
  const config = env.config(threadId);
  await graph().invoke(userSays('V1: email Ada, bare approve'), config);
  await graph().invoke(new Command({ resume: { type: 'approve' } }), config);
  expect(env.effects(threadId).map((e) => e.details)).toEqual([ADA]);
});

test('an edit with valid args runs the edited call, and the transcript shows the call as it ran', async () => {
  const threadId = env.threadId('email-v1');
  const config = env.config(threadId);
  await graph().invoke(userSays('V1: email Ada, edit it'), config);
  const edited = { ...ADA, subject: 'Launch moved to Tuesday' };
  const answer: HITLResponse = { decisions: [{ type: 'edit', editedAction: { name: 'send_email', args: edited } }] };
  const done = await graph().invoke(new Command({ resume: answer }), config);

  expect(env.effects(threadId).map((e) => e.details)).toEqual([edited]);
  const ai = (done.messages as Array<{ tool_calls?: Array<{ function: { arguments: string } }> }>)[1];
  expect(JSON.parse(ai.tool_calls![0].function.arguments)).toEqual(edited);
});

test('an edit failing the schema, another tool, a wrong decisions count or a malformed answer is INVALID_ANSWER and changes nothing', async () => {
  const threadId = env.threadId('email-v1');
  const config = env.config(threadId);
  await graph().invoke(userSays('V1: email Ada, bad edit'), config);
  const before = await graph().getState(config);

  const badArgs = { decisions: [{ type: 'edit', editedAction: { name: 'send_email', args: { ...ADA, to: 'not an address' } } }] };
  const refused = await graph().invoke(new Command({ resume: badArgs }), config).catch((err: Error) => err);
  expect(refused).toMatchObject({ code: 'INVALID_ANSWER' });
  expect((refused as Error).message).toContain('edited args for "send_email" are invalid: to: Invalid email address');
  const otherTool = { type: 'edit', editedAction: { name: 'search_web', args: { query: 'x' } } };
  await expect(graph().invoke(new Command({ resume: otherTool }), config)).rejects.toMatchObject({
    code: 'INVALID_ANSWER',
    message: expect.stringContaining('an edit must keep the tool "send_email"'),
  });
  const two = { decisions: [{ type: 'approve' }, { type: 'approve' }] };
  await expect(graph().invoke(new Command({ resume: two }), config)).rejects.toMatchObject({
    code: 'INVALID_ANSWER',
    message: expect.stringContaining('takes exactly one decision, got 2'),
  });
  await expect(graph().invoke(new Command({ resume: { type: 'accept', args: null } }), config)).rejects.toMatchObject({ code: 'INVALID_ANSWER' });
  await expect(graph().invoke(new Command({ resume: { type: 'respond' } }), config)).rejects.toMatchObject({ code: 'INVALID_ANSWER' });

  expect(await graph().getState(config)).toEqual(before);
  expect(env.effects(threadId)).toEqual([]);
  // The request is still open: a valid decision goes through.
  await graph().invoke(new Command({ resume: { decisions: [{ type: 'approve' }] } }), config);
  expect(env.effects(threadId).map((e) => e.details)).toEqual([ADA]);
});

test('a decision type the tool does not allow is INVALID_ANSWER and changes nothing; an allowed one goes through', async () => {
  const threadId = env.threadId('email-v1');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('Search for ada@example.com'), config);
  expect(decisionRequests(paused.__interrupt__).map((r) => r.value.reviewConfigs)).toEqual([[{ actionName: 'search_web', allowedDecisions: ['approve', 'reject'] }]]);
  const before = await graph().getState(config);

  const respond = { decisions: [{ type: 'respond', message: 'No results.' }] };
  await expect(graph().invoke(new Command({ resume: respond }), config)).rejects.toMatchObject({
    code: 'INVALID_ANSWER',
    message: expect.stringContaining(`the request for "search_web" does not allow 'respond'; allowed: approve, reject`),
  });
  expect(await graph().getState(config)).toEqual(before);

  const done = await graph().invoke(new Command({ resume: { type: 'approve' } }), config);
  expect((done.messages as Array<{ role: string; content: string }>)[2].content).toContain('https://example.com/');
});

test('a reject with a message does not run the call, and the model sees the rejection with the message', async () => {
  const threadId = env.threadId('email-v1');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('V1: email Ada, reject it'), config);
  const answer: HITLResponse = { decisions: [{ type: 'reject', message: 'Wait for the press release.' }] };
  const done = await graph().invoke(new Command({ resume: answer }), config);

  expect(env.effects(threadId)).toEqual([]);
  const rejection = 'Rejected: a human did not let send_email run. Wait for the press release.';
  const callId = (paused.messages as Array<{ tool_calls?: Array<{ id: string }> }>)[1].tool_calls![0].id;
  const sent = requestsAbout(env.model, 'V1: email Ada, reject it');
  expect(sent).toHaveLength(2);
  expect(sent[1].messages.at(-1)).toEqual({ role: 'tool', content: rejection, tool_call_id: callId });
  expect((done.messages as Array<{ content: string }>).at(-1)!.content).toBe(`Tool said: ${rejection}`);
});

test('a respond does not run the call, and its message reaches the model as the tool result', async () => {
  const threadId = env.threadId('email-v1');
  const config = env.config(threadId);
  await graph().invoke(userSays('V1: email Ada, respond instead'), config);
  const reply = 'Ada already knows; no email needed.';
  const done = await graph().invoke(new Command({ resume: { type: 'respond', message: reply } }), config);

  expect(env.effects(threadId)).toEqual([]);
  const sent = requestsAbout(env.model, 'V1: email Ada, respond instead');
  expect(sent[1].messages.at(-1)).toMatchObject({ role: 'tool', content: reply });
  expect((done.messages as Array<{ content: string }>).at(-1)!.content).toBe(`Tool said: ${reply}`);
});

test('two calls of one model turn each wait with their own id, and a reject affects its own call only', async () => {
  const threadId = env.threadId('email-v1');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('V1: email Ada and Bob'), config);
  const [ada, bob] = decisionRequests(paused.__interrupt__);
  expect([ada.value.actionRequests[0].args, bob.value.actionRequests[0].args]).toEqual([ADA, BOB]);
  expect(ada.id).not.toBe(bob.id);

  const done = await graph().invoke(
    new Command({ resume: { [ada.id]: { decisions: [{ type: 'reject' }] }, [bob.id]: { decisions: [{ type: 'approve' }] } } }),
    config,
  );
  expect(done.__interrupt__).toBeUndefined();
  expect(env.effects(threadId).map((e) => e.details)).toEqual([BOB]);
  const messages = done.messages as Array<{ role: string; content: string }>;
  expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'assistant']);
  expect(messages.slice(2, 4).map((m) => m.content)).toEqual(['Rejected: a human did not let send_email run.', 'sent to bob@example.com']);
});
