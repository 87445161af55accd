// A tool call under LangChain v1 decisions with a quorum (issue 9, item 2): approvals count, an
// edit restarts the count with its editor as the first approver, a rejection decides at once.
import { Command } from '../../../src';
import type { HITLResponse } from '../../../src/agent/hitlDecisions';
import { whenToolResult } from '../../../src/testing';
import { ADA, reportToolResult, sends } from '../../helpers/emailScenario';
import { AgentTestEnv, startAgentTest, userSays } from '../../helpers/agentTest';

let env: AgentTestEnv;
beforeAll(async () => {
  env = await startAgentTest({
    rules: [sends('Two reviewers: approve', ADA), sends('Two reviewers: edit', ADA), sends('Two reviewers: reject', ADA), whenToolResult('send_email', reportToolResult)],
  });
});
afterAll(() => env.stop());

const ann = { id: 'ann', roles: ['comms'] };
const ben = { id: 'ben', roles: ['comms'] };
const as = (who: { id: string; roles: string[] }) => env.client.withIdentity(who).graph('twoReviewersAgent');
const decide = (answer: HITLResponse) => new Command({ resume: answer });
const approve: HITLResponse = { decisions: [{ type: 'approve' }] };

test('two approvals from distinct reviewers send the email once; the first alone leaves it waiting', async () => {
  const threadId = env.threadId('two');
  const config = env.config(threadId);
  const paused = await env.client.graph('twoReviewersAgent').invoke(userSays('Two reviewers: approve'), config);
  const id = paused.__interrupt__![0].id;
  expect((await as(ann).invoke(decide(approve), config)).__interrupt__!.map((i) => i.id)).toEqual([id]);
  expect(env.effects(threadId)).toEqual([]);
  await expect(as(ann).invoke(decide(approve), config)).rejects.toMatchObject({ code: 'ALREADY_ANSWERED' });
  await as(ben).invoke(decide(approve), config);
  expect(env.effects(threadId).map((e) => e.details)).toEqual([ADA]);
});

test('an edit restarts the count: an earlier approver approves again, and the edited email is the one sent', async () => {
  const threadId = env.threadId('two');
  const config = env.config(threadId);
  await env.client.graph('twoReviewersAgent').invoke(userSays('Two reviewers: edit'), config);
  await as(ann).invoke(decide(approve), config);
  const edited = { ...ADA, subject: 'Launch (edited)' };
  const afterEdit = await as(ben).invoke(decide({ decisions: [{ type: 'edit', editedAction: { name: 'send_email', args: edited } }] }), config);
  expect(afterEdit.__interrupt__).toHaveLength(1);
  expect((await as(ben).getState(config)).interrupts[0].approvals).toEqual([{ by: ben, at: expect.any(String) }]);
  await as(ann).invoke(decide(approve), config);
  expect(env.effects(threadId).map((e) => e.details)).toEqual([edited]);
});

test('a rejection decides at once, after one approval: nothing is sent', async () => {
  const threadId = env.threadId('two');
  const config = env.config(threadId);
  await env.client.graph('twoReviewersAgent').invoke(userSays('Two reviewers: reject'), config);
  await as(ann).invoke(decide(approve), config);
  const done = await as(ben).invoke(decide({ decisions: [{ type: 'reject', message: 'Not before the press release.' }] }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(env.effects(threadId)).toEqual([]);
});
