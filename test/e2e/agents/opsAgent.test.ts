import { Command } from '../../../src';
import { contentText, lastMessage, whenToolResult, whenUserSays } from '../../../src/testing';
import { AgentTestEnv, eventually, requests, startAgentTest, userSays } from '../../helpers/agentTest';

const reportToolResult: Parameters<typeof whenToolResult>[1] = (request) => {
  const last = lastMessage(request);
  return { content: `Ops: ${last?.role === 'tool' ? contentText(last.content) : '?'}` };
};

let env: AgentTestEnv;
beforeAll(async () => {
  env = await startAgentTest({
    rules: [
      whenUserSays('Restart checkout', { toolCalls: [{ name: 'restart_service', args: { service: 'checkout' } }] }),
      whenUserSays('Scale search down', { toolCalls: [{ name: 'scale_down', args: { service: 'search', replicas: 1 } }] }),
      whenUserSays('Restart billing and scale reports down', {
        toolCalls: [
          { name: 'scale_down', args: { service: 'reports', replicas: 0 } },
          { name: 'restart_service', args: { service: 'billing' } },
        ],
      }),
      whenToolResult('restart_service', reportToolResult),
      whenToolResult('scale_down', reportToolResult),
    ],
  });
});
afterAll(() => env.stop());

const graph = () => env.client.graph('opsAgent');

test('restart_service runs at once', async () => {
  const threadId = env.threadId('ops');
  const done = await graph().invoke(userSays('Restart checkout'), env.config(threadId));
  expect(done.__interrupt__).toBeUndefined();
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([['restartService', { service: 'checkout' }]]);
  expect((done.messages as Array<{ content: string }>).at(-1)!.content).toBe('Ops: restarted checkout');
});

test('scale_down waits for the on-call human and runs once accepted', async () => {
  const threadId = env.threadId('ops');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('Scale search down'), config);
  expect(requests(paused.__interrupt__).map((r) => r.value)).toEqual([
    {
      action_request: { action: 'scale_down', args: { service: 'search', replicas: 1 } },
      config: { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: true },
      description: 'Scale search down to 1 replica(s)? Waiting for the on-call engineer.',
      args_schema: expect.objectContaining({ type: 'object', required: ['service', 'replicas'] }),
    },
  ]);
  expect(env.effects(threadId)).toEqual([]);
  await graph().invoke(new Command({ resume: { type: 'accept', args: null } }), config);
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([['scaleDown', { service: 'search', replicas: 1 }]]);
});

test('in one turn, the restart runs while the scale-down waits for the human', async () => {
  const threadId = env.threadId('ops');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('Restart billing and scale reports down'), config);
  expect(requests(paused.__interrupt__).map((r) => r.value.action_request.action)).toEqual(['scale_down']);
  await eventually(() => expect(env.effects(threadId).map((e) => e.action)).toEqual(['restartService']));
  // The step's writes wait for the whole node: no tool message until the human answers.
  expect((await graph().getState(config)).values.messages).toHaveLength(2);

  const done = await graph().invoke(new Command({ resume: { type: 'response', args: 'Not during business hours.' } }), config);
  expect(env.effects(threadId).map((e) => e.action)).toEqual(['restartService']);
  const tools = (done.messages as Array<{ role: string; content: string }>).filter((m) => m.role === 'tool').map((m) => m.content);
  expect(tools).toEqual(['Not during business hours.', 'restarted billing']);
});
