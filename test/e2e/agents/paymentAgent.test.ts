import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { createAgentToolActivities, memoryLedger, type Payment, type ToolCallRef } from '../../../activities';
import { Command } from '../../../src';
import { contentText, lastMessage, whenToolResult, whenUserSays, type ScriptedRule } from '../../../src/testing';
import { AgentTestEnv, requests, requestsAbout, startAgentTest, userSays } from '../../helpers/agentTest';

function pays(phrase: string, payment: Payment): ScriptedRule {
  return whenUserSays(phrase, { toolCalls: [{ name: 'pay', args: { ...payment } }] });
}

const SMALL: Payment = { payee: 'Acme Office Supplies', amount: 120, currency: 'EUR', reference: 'INV-120' };
const LARGE: Payment = { payee: 'Initech', amount: 5000, currency: 'EUR', reference: 'INV-5000' };
const FLAKY: Payment = { payee: 'Globex', amount: 5000, currency: 'USD', reference: 'INV-GLOBEX' };
const HUGE: Payment = { payee: 'Hooli', amount: 25_000, currency: 'EUR', reference: 'INV-25000' };

/** The payment agent's policy: the requester asks; finance people approve, never their own requests. */
const riley = { id: 'riley', roles: ['operations'] };
const fran = { id: 'fran', roles: ['finance'] };
const gus = { id: 'gus', roles: ['finance'] };
const financeRiley = { id: 'riley', roles: ['finance', 'operations'] };

const ledger = memoryLedger();
const real = createAgentToolActivities({ ledger });
/** Attempts of the pay activity per payee. */
const attempts = new Map<string, number>();

let env: AgentTestEnv;
beforeAll(async () => {
  env = await startAgentTest({
    ledger,
    activities: {
      // Globex's first attempt pays, then loses its answer: Temporal retries the activity.
      async pay(payment: Payment, call: ToolCallRef) {
        attempts.set(payment.payee, (attempts.get(payment.payee) ?? 0) + 1);
        const receipt = await real.pay(payment, call);
        if (payment.payee === FLAKY.payee && Context.current().info.attempt === 1) {
          throw ApplicationFailure.retryable('connection reset after the payment was sent', 'NetworkError');
        }
        return receipt;
      },
    },
    rules: [
      pays('Pay the office supplies invoice', SMALL),
      pays('Pay Initech, approve it', LARGE),
      pays('Pay Initech, ignore it', LARGE),
      pays('Pay Initech, refuse it', LARGE),
      pays('Pay Initech, try an edit', LARGE),
      pays('Pay Globex', FLAKY),
      pays('Pay Hooli, two approvers', HUGE),
      pays('Pay Hooli, one refuses', HUGE),
      pays('Pay Initech, approve it yourself', LARGE),
      whenToolResult('pay', (request) => {
        const last = lastMessage(request);
        return { content: `Payment result: ${last?.role === 'tool' ? contentText(last.content) : '?'}` };
      }),
    ],
  });
});
afterAll(() => env.stop());

/** The requester's view of the agent; `approver(who)` answers as a finance person. */
const graph = () => env.client.withIdentity(riley).graph('paymentAgent');
const approver = (who: { id: string; roles: string[] }) => env.client.withIdentity(who).graph('paymentAgent');

test('a payment under 500 is paid at once, keyed by the thread and the tool call id', async () => {
  const threadId = env.threadId('pay');
  const done = await graph().invoke(userSays('Pay the office supplies invoice'), env.config(threadId));
  expect(done.__interrupt__).toBeUndefined();
  const callId = (done.messages as Array<{ tool_calls?: Array<{ id: string }> }>)[1].tool_calls![0].id;
  expect(env.effects(threadId)).toEqual([{ key: `pay:${threadId}:${callId}`, action: 'pay', details: SMALL }]);
});

test('a payment of 5000 waits for a finance approver and, approved, is paid once', async () => {
  const threadId = env.threadId('pay');
  const config = env.config(threadId);
  const paused = await graph().invoke(userSays('Pay Initech, approve it'), config);
  expect(requests(paused.__interrupt__)).toEqual([
    {
      id: expect.any(String),
      value: {
        action_request: { action: 'pay', args: LARGE },
        config: { allow_accept: true, allow_edit: false, allow_respond: true, allow_ignore: true },
        description: expect.stringContaining('it waits for a finance approver, not the requester'),
      },
    },
  ]);
  expect(env.effects(threadId)).toEqual([]);

  const done = await approver(fran).invoke(new Command({ resume: { type: 'accept', args: null } }), config);
  expect(env.effects(threadId).map((e) => e.details)).toEqual([LARGE]);
  expect((done.messages as Array<{ content: string }>).at(-1)!.content).toBe('Payment result: paid 5000 EUR to Initech (reference INV-5000)');
});

test('an ignored payment is never paid and the run ends there', async () => {
  const threadId = env.threadId('pay');
  const config = env.config(threadId);
  await graph().invoke(userSays('Pay Initech, ignore it'), config);
  const done = await approver(fran).invoke(new Command({ resume: { type: 'ignore', args: null } }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(env.effects(threadId)).toEqual([]);
  expect(requestsAbout(env.model, 'Pay Initech, ignore it')).toHaveLength(1);
  expect((await graph().getState(config)).status).toBe('idle');
});

test("a payment refused with a reason is never paid and the model reads the approver's reason", async () => {
  const threadId = env.threadId('pay');
  const config = env.config(threadId);
  await graph().invoke(userSays('Pay Initech, refuse it'), config);
  const reason = 'Initech has not delivered yet; hold this invoice.';
  const done = await approver(fran).invoke(new Command({ resume: { type: 'response', args: reason } }), config);
  expect(env.effects(threadId)).toEqual([]);
  expect(requestsAbout(env.model, 'Pay Initech, refuse it')[1].messages.at(-1)).toMatchObject({ role: 'tool', content: reason });
  expect((done.messages as Array<{ content: string }>).at(-1)!.content).toBe(`Payment result: ${reason}`);
});

test('an approver cannot edit a payment: the edit is refused with INVALID_ANSWER and nothing changes', async () => {
  const threadId = env.threadId('pay');
  const config = env.config(threadId);
  await graph().invoke(userSays('Pay Initech, try an edit'), config);
  const before = await graph().getState(config);
  const edit = { type: 'edit', args: { action: 'pay', args: { ...LARGE, amount: 499 } } };
  const refused = await approver(fran).invoke(new Command({ resume: edit }), config).catch((err: Error) => err);
  expect(refused).toMatchObject({ code: 'INVALID_ANSWER' });
  expect((refused as Error).message).toContain("does not allow 'edit'; allowed: accept, response, ignore");
  expect(await graph().getState(config)).toEqual(before);
  expect(env.effects(threadId)).toEqual([]);
});

test('an approved payment whose activity runs twice is still paid once', async () => {
  const threadId = env.threadId('pay');
  const config = env.config(threadId);
  await graph().invoke(userSays('Pay Globex'), config);
  const done = await approver(fran).invoke(new Command({ resume: { type: 'accept', args: null } }), config);
  expect(attempts.get(FLAKY.payee)).toBe(2);
  expect(env.effects(threadId).map((e) => e.details)).toEqual([FLAKY]);
  expect((done.messages as Array<{ content: string }>).at(-1)!.content).toBe('Payment result: paid 5000 USD to Globex (reference INV-GLOBEX)');
});

describe("the payment agent's policy (500 to 10,000: one finance approver, not the requester; above 10,000: two)", () => {
  test('the requester cannot approve their own payment, even with the finance role; a user without the role cannot either; nothing changes', async () => {
    const config = env.config(env.threadId('pay'));
    await graph().invoke(userSays('Pay Initech, approve it yourself'), config);
    const before = await graph().getState(config);
    expect(before.interrupts[0].approvers).toEqual({ roles: ['finance'], notRequester: true, quorum: 1, requester: 'riley' });
    const accept = new Command({ resume: { type: 'accept', args: null } });
    await expect(approver(financeRiley).invoke(accept, config)).rejects.toMatchObject({ code: 'NOT_AUTHORIZED', message: expect.stringContaining('the requester (riley) may not answer it') });
    const bob = { id: 'bob', roles: ['operations'] };
    await expect(approver(bob).invoke(accept, config)).rejects.toMatchObject({ code: 'NOT_AUTHORIZED', message: expect.stringContaining('takes answers from role finance; bob has roles operations') });
    expect(await graph().getState(config)).toEqual(before);
    expect(env.effects(config.configurable.thread_id)).toEqual([]);
    await approver(fran).invoke(accept, config);
    expect(env.effects(config.configurable.thread_id).map((e) => e.details)).toEqual([LARGE]);
  });

  test('above 10,000 two distinct finance approvers: the same one twice is ALREADY_ANSWERED, and it is paid after the second', async () => {
    const config = env.config(env.threadId('pay'));
    const paused = await graph().invoke(userSays('Pay Hooli, two approvers'), config);
    const id = paused.__interrupt__![0].id!;
    const accept = new Command({ resume: { type: 'accept', args: null } });
    const first = await approver(fran).invoke(accept, config);
    expect(first.__interrupt__!.map((i) => i.id)).toEqual([id]);
    expect(env.effects(config.configurable.thread_id)).toEqual([]);
    expect((await graph().getState(config)).interrupts[0].approvals).toEqual([{ by: fran, at: expect.any(String) }]);
    await expect(approver(fran).invoke(accept, config)).rejects.toMatchObject({ code: 'ALREADY_ANSWERED' });
    await approver(gus).invoke(accept, config);
    expect(env.effects(config.configurable.thread_id).map((e) => e.details)).toEqual([HUGE]);
  });

  test('a refusal during a quorum decides at once: the payment is never made', async () => {
    const config = env.config(env.threadId('pay'));
    await graph().invoke(userSays('Pay Hooli, one refuses'), config);
    await approver(fran).invoke(new Command({ resume: { type: 'accept', args: null } }), config);
    const reason = 'Hooli is under review; do not pay.';
    const done = await approver(gus).invoke(new Command({ resume: { type: 'response', args: reason } }), config);
    expect(done.__interrupt__).toBeUndefined();
    expect(env.effects(config.configurable.thread_id)).toEqual([]);
    expect((done.messages as Array<{ content: string }>).at(-1)!.content).toBe(`Payment result: ${reason}`);
  });
});
