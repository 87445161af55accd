import { Command } from '../../../src';
import { GraphTestEnv, startGraphTest } from '../../helpers/harness';

let env: GraphTestEnv;
beforeAll(async () => (env = await startGraphTest()));
afterAll(() => env.stop());

const DRAFT = {
  to: 'sam@example.com',
  subject: 'About the Q3 roadmap',
  body: 'Hello,\n\nI would like to talk about the Q3 roadmap. Are you free this week?\n\nBest regards',
};

async function drafted(prefix: string) {
  const threadId = env.threadId(prefix);
  const config = env.config(threadId);
  const graph = env.client.graph('emailDraft');
  const paused = await graph.invoke({ to: 'sam@example.com', topic: 'the Q3 roadmap' }, config);
  return { threadId, config, graph, paused };
}

test('the drafted email waits for a decision and is sent as drafted once approved', async () => {
  const { threadId, config, graph, paused } = await drafted('email');
  expect(paused.__interrupt__).toEqual([{ id: expect.stringMatching(/^[0-9a-f]{32}$/), value: { question: 'Send this email?', email: DRAFT } }]);
  expect((await graph.getState(config)).next).toEqual(['review']);
  expect(env.effects(threadId)).toHaveLength(0);

  const done = await graph.invoke(new Command({ resume: { type: 'approve' } }), config);
  expect(done).toMatchObject({ decision: 'approve', outcome: 'sent to sam@example.com' });
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([['sendEmail', DRAFT]]);
});

test('an edit decision sends the edited subject and body', async () => {
  const { threadId, config, graph } = await drafted('email');
  const edit = { type: 'edit', subject: 'Q3 roadmap: 30 minutes on Thursday?', body: 'Hi Sam,\n\nCould we go through the Q3 roadmap on Thursday?\n\nThanks' };
  const done = await graph.invoke(new Command({ resume: edit }), config);
  const sent = { to: 'sam@example.com', subject: edit.subject, body: edit.body };
  expect(done).toMatchObject({ decision: 'edit', email: sent, outcome: 'sent to sam@example.com' });
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([['sendEmail', sent]]);
});

test('a reject decision sends nothing', async () => {
  const { threadId, config, graph } = await drafted('email');
  const done = await graph.invoke(new Command({ resume: { type: 'reject', reason: 'not now' } }), config);
  expect(done).toMatchObject({ decision: 'reject', email: DRAFT, outcome: 'not sent' });
  expect(env.effects(threadId)).toHaveLength(0);
  expect((await graph.getState(config)).status).toBe('idle');
});

test('a decision that is not approve, edit or reject is refused and the draft keeps waiting', async () => {
  const { threadId, config, graph, paused } = await drafted('email');
  await expect(graph.invoke(new Command({ resume: { type: 'send it' } }), config)).rejects.toMatchObject({ code: 'INVALID_ANSWER' });
  await expect(graph.invoke(new Command({ resume: { type: 'edit' } }), config)).rejects.toMatchObject({ code: 'INVALID_ANSWER' });
  const state = await graph.getState(config);
  expect(state.interrupts).toMatchObject(paused.__interrupt__!);
  expect(env.effects(threadId)).toHaveLength(0);
});
