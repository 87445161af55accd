import { Command } from '../../../src';
import { contentText, lastMessage, whenToolResult, whenUserSays } from '../../../src/testing';
import { AgentTestEnv, requests, startAgentTest, userSays } from '../../helpers/agentTest';

const DIFF = `Review this pull request for acme/api:
diff --git a/src/config.ts b/src/config.ts
+import _ from 'lodash';
+export function parseConfig(text: string) { return JSON.parse(text); }`;

const PROPOSED = ['Add unit tests for parseConfig', 'Remove the unused lodash import'];

let env: AgentTestEnv;
beforeAll(async () => {
  env = await startAgentTest({
    rules: [
      whenUserSays('Apply without proposing', { toolCalls: [{ name: 'apply_changes', args: { repo: 'acme/api' } }] }),
      whenUserSays('diff --git', { toolCalls: [{ name: 'propose_changes', args: { changes: PROPOSED } }] }),
      whenToolResult('propose_changes', { toolCalls: [{ name: 'apply_changes', args: { repo: 'acme/api' } }] }),
      whenToolResult('apply_changes', (request) => {
        const last = lastMessage(request);
        return { content: `Review done: ${last?.role === 'tool' ? contentText(last.content) : '?'}` };
      }),
    ],
  });
});
afterAll(() => env.stop());

const graph = () => env.client.graph('prReviewAgent');

test('the model proposes changes into state; apply_changes waits, the reviewer corrects the proposals, and apply uses the corrected list', async () => {
  const threadId = env.threadId('pr');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays(DIFF), config);
  expect(paused.proposals).toEqual(PROPOSED);
  const [request] = requests(paused.__interrupt__);
  expect(request.value).toEqual({
    action_request: { action: 'apply_changes', args: { repo: 'acme/api' } },
    config: { allow_accept: true, allow_edit: false, allow_respond: true, allow_ignore: true },
    description: expect.stringContaining('Apply 2 change(s) to acme/api?\n- Add unit tests for parseConfig\n- Remove the unused lodash import'),
  });

  const corrected = ['Add unit tests for parseConfig, including invalid JSON', 'Remove the unused lodash import', 'Type the parsed config'];
  await graph().updateState(config, { proposals: corrected });
  const waiting = await graph().getState(config);
  expect(waiting).toMatchObject({ status: 'interrupted', next: ['tools'] });
  expect(waiting.values.proposals).toEqual(corrected);
  expect(waiting.interrupts.map((i) => i.id)).toEqual([request.id]);
  expect(env.effects(threadId)).toEqual([]);

  const done = await graph().invoke(new Command({ resume: { type: 'accept', args: null } }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([['applyChanges', { repo: 'acme/api', changes: corrected }]]);
  expect((done.messages as Array<{ content: string }>).at(-1)!.content).toBe('Review done: applied 3 change(s) to acme/api');
});

test('a reviewer who ignores the apply request leaves the repository untouched', async () => {
  const threadId = env.threadId('pr');
  const config = env.config(threadId);
  await graph().invoke(userSays(DIFF), config);
  const done = await graph().invoke(new Command({ resume: { type: 'ignore', args: null } }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(env.effects(threadId)).toEqual([]);
  expect(done.proposals).toEqual(PROPOSED);
});

test('a tool that fails reports its error to the model as a tool message: apply_changes with nothing proposed', async () => {
  const threadId = env.threadId('pr');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('Apply without proposing'), config);
  expect(requests(paused.__interrupt__)[0].value.description).toContain('Apply 0 change(s) to acme/api?');
  const done = await graph().invoke(new Command({ resume: { type: 'accept', args: null } }), config);
  expect(env.effects(threadId)).toEqual([]);
  const tool = (done.messages as Array<{ role: string; content: string }>).find((m) => m.role === 'tool');
  expect(tool?.content).toBe('Error: apply_changes failed: nothing is proposed yet; call propose_changes first');
  expect((done.messages as Array<{ content: string }>).at(-1)!.content).toBe(`Review done: ${tool?.content}`);
});
