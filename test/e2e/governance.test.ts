// Identity and who may answer (issue 9, items 1-2): checked in the update validator inside the
// workflow, refused NOT_AUTHORIZED naming the rule, nothing changed; quorum of distinct identities.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Duration } from '@temporalio/common';
import fc from 'fast-check';
import { Command, GraphClient } from '../../src';
import type { Identity } from '../../src/engine/identity';
import { runUpdate } from '../../src/runtime/protocol';
import { testServerAddress } from '../helpers/harness';
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
const bob = { id: 'bob', roles: ['sales'] };
const carol = { id: 'carol', roles: ['finance'] };
const dave = { id: 'dave', roles: ['finance', 'audit'] };
const financeAlice = { id: 'alice', roles: ['finance'] }; // the requester, even with the role

async function requested(amount: number, quorum = 1) {
  const config = env.config(env.threadId('pay'));
  const paused = await as(alice).graph('approvedPayment').invoke({ amount, quorum }, config);
  return { config, id: paused.__interrupt__![0].id! };
}

test("a node reads the identity of the request it serves; getState shows who may answer, the requester resolved, and when it was asked", async () => {
  const { config, id } = await requested(700);
  const state = await env.client.graph('approvedPayment').getState(config);
  expect(state.values).toMatchObject({ requestedBy: 'alice' });
  expect(state.interrupts).toEqual([
    {
      id,
      value: { question: 'Pay 700?' },
      approvers: { roles: ['finance'], notRequester: true, quorum: 1, requester: 'alice' },
      approvals: [],
      raisedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      requester: alice,
    },
  ]);
  const done = await as(carol).graph('approvedPayment').invoke(new Command({ resume: 'approve' }), config);
  expect(done).toMatchObject({ decision: 'approve', approvedBy: 'carol', requestedBy: 'alice' });
});

test('the requester, a user without the role and anonymous are refused NOT_AUTHORIZED naming the rule, and nothing changes', async () => {
  const { config } = await requested(900);
  const before = await env.client.graph('approvedPayment').getState(config);
  const refusals: Array<[GraphClient, RegExp]> = [
    [as(financeAlice), /alice may not answer .*the requester \(alice\) may not answer it \(notRequester\)/],
    [as(bob), /bob may not answer .*it takes answers from role finance; bob has roles sales/],
    [env.client, /anonymous may not answer .*role finance/],
  ];
  for (const [client, message] of refusals) {
    const refused = client.graph('approvedPayment').invoke(new Command({ resume: 'approve' }), config);
    await expect(refused).rejects.toMatchObject({ code: 'NOT_AUTHORIZED', message: expect.stringMatching(message) });
  }
  expect(await env.client.graph('approvedPayment').getState(config)).toEqual(before);
});

test('a quorum of 2 takes distinct finance approvers: the same one twice is ALREADY_ANSWERED, and the node gets both answers', async () => {
  const { config, id } = await requested(20_000, 2);
  const graph = (who: Identity) => as(who).graph('approvedPayment');
  const first = await graph(carol).invoke(new Command({ resume: 'approve' }), config);
  expect(first.__interrupt__).toEqual([{ id, value: { question: 'Pay 20000?' } }]); // still paused on the same interrupt
  const waiting = await graph(carol).getState(config);
  expect(waiting.interrupts[0].approvals).toEqual([{ by: carol, at: expect.any(String) }]);
  expect(await codeOf(graph(carol).invoke(new Command({ resume: 'approve' }), config))).toBe('ALREADY_ANSWERED');
  const done = await graph(dave).invoke(new Command({ resume: { [id]: 'approve' } }), config);
  expect(done.decision).toEqual([
    { by: carol, value: 'approve', at: expect.any(String) },
    { by: dave, value: 'approve', at: expect.any(String) },
  ]);
  expect(done.approvedBy).toBe('dave');
});

test('while a guarded interrupt waits, those who may not answer it cannot edit the state, drop it, or fork past it', async () => {
  const { config } = await requested(5_000);
  const graph = as(alice).graph('approvedPayment');
  const before = await graph.getState(config);
  expect(await codeOf(graph.updateState(config, { amount: 5 }))).toBe('NOT_AUTHORIZED');
  expect(await codeOf(graph.updateState(config, null, { asNode: '__end__' }))).toBe('NOT_AUTHORIZED');
  expect(await codeOf(graph.invoke(new Command({ update: { amount: 5 }, resume: 'approve' }), config))).toBe('NOT_AUTHORIZED');
  const past = before.parentConfig!.configurable.checkpoint_id;
  expect(await codeOf(graph.invoke(new Command({ resume: 'approve' }), { configurable: { ...config.configurable, checkpoint_id: past } }))).toBe('NOT_AUTHORIZED');
  expect(await graph.getState(config)).toEqual(before);
  // An allowed approver may edit it.
  await as(carol).graph('approvedPayment').updateState(config, { amount: 4_000 });
  expect((await graph.getState(config)).values.amount).toBe(4_000);
});

test('identities are checked: a malformed one is refused at connect, and one sent past the client (a raw Update, the reserved "system") in the workflow', async () => {
  expect(() => env.client.withIdentity({ id: '' })).toThrow(/NOT_AUTHORIZED|id is a string of 1 to 256/);
  expect(() => env.client.withIdentity({ id: 'x', roles: 'finance' } as unknown as Identity)).toThrow(/roles are at most 64 non-empty strings/);
  const { config, id } = await requested(10);
  const raw = env.client.temporal.workflow.getHandle(config.configurable.thread_id);
  const request = { kind: 'run' as const, requestId: 'raw-1', by: { id: 'system' }, graph: 'approvedPayment', input: { lg_name: 'Command', resume: { [id]: 'approve' } }, options: {} };
  await expect(raw.executeUpdate(runUpdate, { args: [request] })).rejects.toMatchObject({ cause: { type: 'NOT_AUTHORIZED', message: expect.stringMatching(/reserved/) } });
});

test('property: every answer from an identity the rule does not allow is refused NOT_AUTHORIZED and leaves the thread as it was (seed 42)', async () => {
  const { config } = await requested(1_234);
  const before = await env.client.graph('approvedPayment').getState(config);
  const notAllowed = fc.oneof(
    fc.record({ id: fc.constantFrom('alice'), roles: fc.subarray(['finance', 'sales', 'audit']) }), // the requester, whatever the roles
    fc.record({ id: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s !== 'system'), roles: fc.subarray(['sales', 'audit', 'Finance', 'finance ']) }),
  );
  const answer = fc.oneof(fc.constant('approve'), fc.constant('reject'), fc.integer(), fc.dictionary(fc.string(), fc.string()));
  await fc.assert(
    fc.asyncProperty(notAllowed, answer, async (who, value) => {
      expect(await codeOf(as(who).graph('approvedPayment').invoke(new Command({ resume: value }), config))).toBe('NOT_AUTHORIZED');
    }),
    { seed: 42, numRuns: 40, endOnFailure: true },
  );
  expect(await env.client.graph('approvedPayment').getState(config)).toEqual(before);
});

test('durable-graph audit prints the log as JSON lines and for people', async () => {
  const { config, id } = await requested(650);
  await as(carol).graph('approvedPayment').invoke(new Command({ resume: 'approve' }), config);
  const repo = join(__dirname, '..', '..');
  const audit = (...args: string[]) =>
    spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(repo, 'src', 'cli', 'main.ts'), 'audit', config.configurable.thread_id, ...args], {
      cwd: repo,
      env: { ...process.env, TEMPORAL_ADDRESS: testServerAddress(), TEMPORAL_NAMESPACE: 'default' },
      encoding: 'utf8',
      timeout: 60_000,
    });
  const jsonl = audit('--jsonl');
  expect(jsonl.status).toBe(0);
  const entries = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(entries).toEqual(await env.client.graph('approvedPayment').getAuditLog(config));
  expect(entries.map((e) => [e.kind, (e.by as Identity).id])).toEqual([
    ['input', 'alice'],
    ['resume', 'carol'],
  ]);
  const people = audit();
  expect(people.status).toBe(0);
  expect(people.stdout).toContain(`carol  answered ${id}: {"${id}":"approve"} -> idle`);
});

test("listThreads({ waitingLongerThan }) finds threads whose oldest question waits longer, through a search attribute", async () => {
  const { config } = await requested(720);
  const threadId = config.configurable.thread_id;
  const find = async (waitingLongerThan: Duration) => {
    for await (const t of env.client.listThreads({ graph: 'approvedPayment', status: 'interrupted', waitingLongerThan })) if (t.threadId === threadId) return t;
    return undefined;
  };
  await new Promise((r) => setTimeout(r, 1500));
  let found: Awaited<ReturnType<typeof find>>;
  for (let i = 0; i < 50 && !(found = await find('1s')); i++) await new Promise((r) => setTimeout(r, 200)); // visibility is eventually consistent
  const raisedAt = (await env.client.graph('approvedPayment').getState(config)).interrupts[0].raisedAt!;
  expect(found).toMatchObject({ threadId, status: 'interrupted', pendingInterrupts: 1, waitingSince: new Date(raisedAt) });
  expect(await find('1 hour')).toBeUndefined();
  await expect(env.client.listThreads({ waitingLongerThan: 'soon' as Duration }).next()).rejects.toThrow(/waitingLongerThan must be a duration/);
});
