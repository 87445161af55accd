import { Command } from '../../../src';
import { contentText, lastMessage, whenToolResult, whenUserSays, type ScriptedRule } from '../../../src/testing';
import { AgentTestEnv, requests, requestsAbout, startAgentTest, userSays } from '../../helpers/agentTest';

const reportToolResult: Parameters<typeof whenToolResult>[1] = (request) => {
  const last = lastMessage(request);
  return { content: `Done: ${last?.role === 'tool' ? contentText(last.content) : '?'}` };
};

function deletes(phrase: string, table: string, where: string): ScriptedRule {
  return whenUserSays(phrase, { toolCalls: [{ name: 'delete_records', args: { table, where } }] });
}

let env: AgentTestEnv;
beforeAll(async () => {
  env = await startAgentTest({
    rules: [
      whenUserSays('How many users', { toolCalls: [{ name: 'count_records', args: { table: 'users' } }] }),
      deletes('Delete user 42', 'users', 'id = 42'),
      deletes('Delete inactive users', 'users', "last_login < '2020-01-01'"),
      deletes('Delete every session', 'sessions', ''),
      deletes('Delete with a tautology', 'orders', '1=1'),
      whenToolResult('count_records', reportToolResult),
      whenToolResult('delete_records', reportToolResult),
    ],
  });
});
afterAll(() => env.stop());

const graph = () => env.client.graph('recordsAgent');

test('count_records is read-only and runs without asking', async () => {
  const threadId = env.threadId('records');
  const done = await graph().invoke(userSays('How many users are there?'), env.config(threadId));
  expect(done.__interrupt__).toBeUndefined();
  expect((done.messages as Array<{ content: string }>).at(-1)!.content).toBe('Done: users: 1432 record(s)');
  expect(env.effects(threadId)).toEqual([]);
});

test('a narrow delete (one column = value) runs without asking', async () => {
  const threadId = env.threadId('records');
  const done = await graph().invoke(userSays('Delete user 42'), env.config(threadId));
  expect(done.__interrupt__).toBeUndefined();
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([['deleteRecords', { table: 'users', where: 'id = 42' }]]);
  expect((done.messages as Array<{ content: string }>).at(-1)!.content).toBe('Done: deleted from users where id = 42');
});

test('a broad delete waits for a human and runs once accepted', async () => {
  const threadId = env.threadId('records');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('Delete inactive users'), config);
  const [request] = requests(paused.__interrupt__);
  expect(request.value.action_request).toEqual({ action: 'delete_records', args: { table: 'users', where: "last_login < '2020-01-01'" } });
  expect(request.value.description).toContain('The condition is broad');
  expect(env.effects(threadId)).toEqual([]);

  await graph().invoke(new Command({ resume: { type: 'accept', args: null } }), config);
  expect(env.effects(threadId).map((e) => e.details)).toEqual([{ table: 'users', where: "last_login < '2020-01-01'" }]);
});

test('a delete without a condition asks, and a human narrows it with an edit', async () => {
  const threadId = env.threadId('records');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('Delete every session'), config);
  expect(requests(paused.__interrupt__)[0].value.description).toContain('(no condition: every record)');
  const narrowed = { table: 'sessions', where: "user_id = 7" };
  await graph().invoke(new Command({ resume: { type: 'edit', args: { action: 'delete_records', args: narrowed } } }), config);
  expect(env.effects(threadId).map((e) => e.details)).toEqual([narrowed]);
});

test('a tautology such as 1=1 is broad: ignored, nothing is deleted and the model is not called again', async () => {
  const threadId = env.threadId('records');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('Delete with a tautology'), config);
  expect(requests(paused.__interrupt__)).toHaveLength(1);
  const done = await graph().invoke(new Command({ resume: { type: 'ignore', args: null } }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(env.effects(threadId)).toEqual([]);
  expect(requestsAbout(env.model, 'Delete with a tautology')).toHaveLength(1);
});
