// Deadlines (issue 9, item 4): reminders and escalation on interrupt() are durable timers that act
// only while nobody has answered; an escalation widens who may answer; a timeout's automatic
// decision, like the reminders and escalations, is in the audit log as `system`'s.
import { Command, GraphClient } from '../../src';
import type { Identity } from '../../src/engine/identity';
import { codeOf, startSemanticsTest } from '../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
let as: (identity: Identity) => GraphClient;
beforeAll(async () => {
  env = await startSemanticsTest();
  as = (identity) => env.client.withIdentity(identity);
});
afterAll(async () => {
  await env?.stop();
});

const alice = { id: 'alice', roles: ['sales'] }; // the requester
const erin = { id: 'erin', roles: ['director'] };
const carol = { id: 'carol', roles: ['finance'] };
const system = { id: 'system' };

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('an escalation widens who may answer: a director is refused before it and answers after; the reminder ran its hook first; both are audited as system', async () => {
  const config = env.config(env.threadId('escalate'));
  const graph = (who: Identity) => as(who).graph('deadlinePayment');
  const paused = await graph(alice).invoke({ amount: 800, remindMs: 300, escalateMs: 1_500 }, config);
  const id = paused.__interrupt__![0].id!;
  expect(await codeOf(graph(erin).invoke(new Command({ resume: 'approve' }), config))).toBe('NOT_AUTHORIZED');

  await until(() => Promise.resolve(env.calls), (calls) => calls.some((c) => c.startsWith(`escalated:${id}`)), 'the escalation hook');
  expect(env.calls).toContain(`reminder:${id}:alice`);
  expect(env.calls).toContain(`escalated:${id}:${JSON.stringify({ roles: ['finance', 'director'], notRequester: true, requester: 'alice' })}`);
  const state = await graph(carol).getState(config);
  expect(state.interrupts[0]).toMatchObject({ id, approvers: { roles: ['finance', 'director'], notRequester: true, requester: 'alice' }, requester: alice });

  const done = await graph(erin).invoke(new Command({ resume: 'approve' }), config);
  expect(done).toMatchObject({ decision: 'approve', approvedBy: 'erin' });

  const log = await graph(carol).getAuditLog(config);
  expect(log.map((e) => [e.kind, e.by.id])).toEqual([
    ['input', 'alice'],
    ['reminder', 'system'],
    ['escalation', 'system'],
    ['resume', 'erin'],
  ]);
  expect(log[1]).toMatchObject({ by: system, interruptIds: [id], reminder: 0 });
  expect(log[2]).toMatchObject({ by: system, interruptIds: [id], approvers: { roles: ['finance', 'director'] } });
  // Timers count from when the interrupt was raised (event times are those of the workflow tasks).
  const raisedAt = Date.parse(state.interrupts[0].raisedAt!);
  expect(Date.parse(log[1].at) - raisedAt).toBeGreaterThanOrEqual(300);
  expect(Date.parse(log[2].at) - raisedAt).toBeGreaterThanOrEqual(1_500);
});

test('an answer before the deadlines cancels them: no reminder, no escalation, nothing by system in the audit log', async () => {
  const config = env.config(env.threadId('early'));
  const paused = await as(alice).graph('deadlinePayment').invoke({ amount: 600, remindMs: 1_000, escalateMs: 1_200, timeoutMs: 1_400 }, config);
  const id = paused.__interrupt__![0].id!;
  await as(carol).graph('deadlinePayment').invoke(new Command({ resume: 'approve' }), config);
  await new Promise((r) => setTimeout(r, 2_000)); // past every deadline
  expect(env.calls.filter((c) => c.includes(id))).toEqual([]);
  const log = await env.client.graph('deadlinePayment').getAuditLog(config);
  expect(log.map((e) => e.kind)).toEqual(['input', 'resume']);
  expect((await env.client.graph('deadlinePayment').getState(config)).values).toMatchObject({ decision: 'approve', approvedBy: 'carol' });
});

test("a timeout's automatic answer is audited as system, with what it decided; getState showed its deadline", async () => {
  const config = env.config(env.threadId('timeout'));
  const paused = await as(alice).graph('deadlinePayment').invoke({ amount: 900, timeoutMs: 800 }, config);
  const id = paused.__interrupt__![0].id!;
  const asked = (await env.client.graph('deadlinePayment').getState(config)).interrupts[0];
  expect(Date.parse(asked.deadline!) - Date.parse(asked.raisedAt!)).toBe(800);
  const state = await until(() => env.client.graph('deadlinePayment').getState(config), (s) => s.status === 'idle', 'the timeout');
  expect(state.values).toMatchObject({ decision: 'reject' });
  const log = await env.client.graph('deadlinePayment').getAuditLog(config);
  expect(log.map((e) => e.kind)).toEqual(['input', 'timeout']);
  expect(log[1]).toMatchObject({ by: system, interruptIds: [id], decision: 'answer' });
});

test('a timeout that fails the node is audited as such', async () => {
  const config = env.config(env.threadId('timeout-fails'));
  await as(alice).graph('deadlinePayment').invoke({ amount: 950, timeoutMs: 500, failOnTimeout: true }, config);
  await until(() => env.client.graph('deadlinePayment').getState(config), (s) => s.status === 'error', 'the failed node');
  const log = await env.client.graph('deadlinePayment').getAuditLog(config);
  expect(log.find((e) => e.kind === 'timeout')).toMatchObject({ by: system, decision: 'error' });
});
