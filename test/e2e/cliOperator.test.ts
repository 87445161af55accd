// The operator commands (issue 10, item 3) run as a person or a script runs them: the CLI as a child
// process, against the shared Temporal server, with a worker (and the demo's scripted model) in this
// process. Each child costs a second or two to start, so independent ones run side by side.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_MODEL_RULES } from '../../src/cli/demo';
import type { AnswerOutcome } from '../../src/cli/sendAnswer';
import type { ShownThread } from '../../src/cli/commands/show';
import type { ThreadInfo } from '../../src/client/graphClient';
import { Command } from '../../src/engine/command';
import type { Identity } from '../../src/engine/identity';
import type { Message } from '../../src/graph/messages';
import { freePort } from '../../src/server/devServer';
import { startAgentTest, userSays, type AgentTestEnv } from '../helpers/agentTest';
import { startHttpTest, type HttpTestEnv } from './http/httpTestServer';
import { testServerAddress } from '../helpers/harness';

const repo = join(__dirname, '..', '..');
const alice = { id: 'alice', roles: ['operations'] }; // starts the threads: the requester
const fran = 'fran:finance';

let env: AgentTestEnv;
let http: HttpTestEnv;
beforeAll(async () => {
  env = await startAgentTest({ rules: DEMO_MODEL_RULES });
  http = await startHttpTest({ graphs: ['operatorPaymentAgent'], env });
});
afterAll(async () => {
  await http?.stop();
  await env?.stop();
});

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `durable-graph <args>` to its end, talking to the shared server. */
function cli(args: string[], moreEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, TEMPORAL_ADDRESS: testServerAddress(), TEMPORAL_NAMESPACE: 'default', ...moreEnv };
  if (!('DURABLE_GRAPH_IDENTITY' in moreEnv)) delete childEnv.DURABLE_GRAPH_IDENTITY;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(repo, 'src', 'cli', 'main.ts'), ...args], { cwd: repo, env: childEnv });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stdout, stderr })));
}

/** The JSON a command printed; fails with its stderr when it did not exit 0. */
function jsonOf<T>(r: CliResult): T {
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** What a refused command printed with --json: one line on stderr. */
function refusalOf(r: CliResult): { code: string; message: string } {
  return (JSON.parse(r.stderr) as { error: { code: string; message: string } }).error;
}

async function started(graph: string, prompt: string): Promise<string> {
  const threadId = env.threadId(graph);
  await env.client.withIdentity(alice).graph(graph).invoke(userSays(prompt), env.config(threadId));
  return threadId;
}

const lastText = (values: Record<string, unknown>) => ((values.messages as Message[]).at(-1)?.content ?? '');

test('show, approve, edit and reject answer agent-inbox and LangChain v1 requests alike; the requester approving their own payment is refused NOT_AUTHORIZED (exit 1)', async () => {
  const [payment, email, refused] = await Promise.all([
    started('paymentAgent', "Pay this week's invoices: Globex 120 EUR, Initech 5000 EUR."),
    started('emailAgentV1', 'Tell sam@example.com what the Q3 roadmap says.'),
    started('emailAgentV1', 'Tell sam@example.com what the Q3 roadmap says.'),
  ]);
  const [shownPayment, shownEmail, ownPayment, ownPaymentJson] = await Promise.all([
    cli(['show', payment, '--json']),
    cli(['show', email]),
    cli(['approve', payment, '--as', 'alice:finance']),
    cli(['approve', payment, '--as', 'alice:finance', '--json']),
  ]);

  const shown = jsonOf<ShownThread>(shownPayment);
  expect(shown).toMatchObject({ threadId: payment, graph: 'paymentAgent', status: 'interrupted' });
  expect(shown.requests).toEqual([
    expect.objectContaining({
      shape: 'agent-inbox',
      verbs: ['approve', 'respond', 'reject', 'ignore'], // the payment policy offers no edit
      call: { name: 'pay', args: { payee: 'Initech', amount: 5000, currency: 'EUR', reference: 'INV-5000' } },
      approvers: { roles: ['finance'], notRequester: true, quorum: 1, requester: 'alice' },
      approvals: [],
    }),
  ]);
  expect(shownEmail.status).toBe(0);
  expect(shownEmail.stdout).toContain(`Thread ${email}: graph emailAgentV1, interrupted`);
  expect(shownEmail.stdout).toContain('(LangChain v1 decisions)');
  expect(shownEmail.stdout).toContain('call: send_email({"to":"sam@example.com"');
  expect(shownEmail.stdout).toContain('answers: approve, edit, respond, reject, ignore');

  expect(ownPayment.status).toBe(1);
  expect(ownPayment.stderr).toMatch(/^durable-graph approve: NOT_AUTHORIZED: .*the requester \(alice\) may not answer it/);
  expect(ownPaymentJson.status).toBe(1);
  expect(refusalOf(ownPaymentJson)).toEqual({ code: 'NOT_AUTHORIZED', message: expect.stringContaining('the requester (alice) may not answer it') });

  const [approved, edited, rejected] = await Promise.all([
    cli(['approve', payment, '--json'], { DURABLE_GRAPH_IDENTITY: fran }), // the identity from the environment
    cli(['edit', email, '--args', '{"subject": "Q3 roadmap (edited)"}', '--as', 'bob', '--json']),
    cli(['reject', refused, '--message', 'Not before the launch', '--as', 'bob', '--json']),
  ]);
  const paid = jsonOf<AnswerOutcome>(approved);
  expect(paid).toMatchObject({ threadId: payment, answer: { type: 'accept', args: null }, by: { id: 'fran', roles: ['finance'] }, status: 'idle', stillWaiting: false, interrupts: [] });
  expect(paid.interruptId).toBe(shown.requests[0].id);
  expect(env.effects(payment).map((e) => e.details)).toEqual([
    expect.objectContaining({ payee: 'Globex', amount: 120 }),
    expect.objectContaining({ payee: 'Initech', amount: 5000 }),
  ]);

  const sent = jsonOf<AnswerOutcome>(edited);
  expect(sent.answer).toEqual({ type: 'edit', editedAction: { name: 'send_email', args: expect.objectContaining({ to: 'sam@example.com', subject: 'Q3 roadmap (edited)' }) } });
  expect(env.effects(email).map((e) => [e.action, e.details.subject])).toEqual([['sendEmail', 'Q3 roadmap (edited)']]);

  const no = jsonOf<AnswerOutcome>(rejected);
  expect(no).toMatchObject({ answer: { type: 'reject', message: 'Not before the launch' }, status: 'idle' });
  expect(lastText(no.values)).toMatch(/Rejected: a human did not let send_email run\. Not before the launch/);
  expect(env.effects(refused)).toEqual([]);
}, 120_000);

test('a plain interrupt: approve says to answer it with resume --value (exit 1), which does; with two waiting, --id chooses (else AMBIGUOUS_RESUME)', async () => {
  const gate = env.threadId('gate');
  const pair = env.threadId('pair');
  await Promise.all([
    env.client.withIdentity(alice).graph('approvedPayment').invoke({ amount: 700 }, env.config(gate)),
    env.client.graph('parallelAsk').invoke({}, env.config(pair)),
  ]);
  const [approvePlain, ambiguous, shownPair] = await Promise.all([
    cli(['approve', gate, '--as', 'carol:finance']),
    cli(['resume', pair, '--value', '"yes"', '--json']),
    cli(['show', pair, '--json']),
  ]);
  expect(approvePlain.status).toBe(1);
  expect(approvePlain.stderr).toContain('durable-graph approve: INVALID_ANSWER: "approve" answers a tool call waiting for review');
  expect(approvePlain.stderr).toContain('this is a plain interrupt(value), which takes whatever value its graph expects: send it with resume --value JSON');
  expect(ambiguous.status).toBe(1);
  expect(refusalOf(ambiguous)).toEqual({ code: 'AMBIGUOUS_RESUME', message: expect.stringContaining('has 2 pending interrupts; choose one with --id') });
  const requests = jsonOf<ShownThread>(shownPair).requests;
  expect(requests.map((r) => [r.shape, r.verbs, r.value])).toEqual([
    ['plain', [], 'a?'],
    ['plain', [], 'b?'],
  ]);

  const prefix = requests[1].id.slice(0, 8);
  const [gateAnswered, pairAnswered] = await Promise.all([
    cli(['resume', gate, '--value', '"approve"', '--as', 'carol:finance', '--json']),
    cli(['resume', pair, '--id', prefix, '--value', '"yes"', '--json']),
  ]);
  expect(jsonOf<AnswerOutcome>(gateAnswered)).toMatchObject({ status: 'idle', values: { decision: 'approve', approvedBy: 'carol', requestedBy: 'alice' } });
  const half = jsonOf<AnswerOutcome>(pairAnswered);
  expect(half).toMatchObject({ interruptId: requests[1].id, status: 'interrupted', stillWaiting: false, interrupts: [{ id: requests[0].id, value: 'a?' }] });
}, 120_000);

test('threads lists by graph, status and age; state, history, update-state and audit read and change a thread, as the library does', async () => {
  const gate = env.threadId('gate');
  const config = env.config(gate);
  await env.client.withIdentity(alice).graph('approvedPayment').invoke({ amount: 900 }, config);
  // Visibility follows a thread's search attributes within a moment: wait for it before asking the CLI.
  const visible = async () => {
    for (;;) {
      for await (const t of env.client.listThreads({ graph: 'approvedPayment', status: 'interrupted' })) if (t.threadId === gate) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  await visible();
  const [listed, notOldEnough, table] = await Promise.all([
    cli(['threads', '--graph', 'approvedPayment', '--status', 'interrupted', '--json']),
    cli(['threads', '--graph', 'approvedPayment', '--waiting-longer-than', '1 hour', '--json']),
    cli(['threads', '--graph', 'approvedPayment']),
  ]);
  const threads = jsonOf<Array<ThreadInfo & { waitingSince: string }>>(listed);
  expect(threads.find((t) => t.threadId === gate)).toEqual({
    threadId: gate,
    graph: 'approvedPayment',
    status: 'interrupted',
    pendingInterrupts: 1,
    waitingSince: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    createdAt: expect.any(String),
    updatedAt: expect.any(String),
  });
  expect(jsonOf<ThreadInfo[]>(notOldEnough).map((t) => t.threadId)).not.toContain(gate);
  expect(table.stdout).toMatch(/^THREAD +GRAPH +STATUS +WAITING +WAITING SINCE +UPDATED\n/);
  expect(table.stdout).toMatch(new RegExp(`^${gate} +approvedPayment +interrupted +1 `, 'm'));

  await env.client.withIdentity({ id: 'carol', roles: ['finance'] }).graph('approvedPayment').invoke(new Command({ resume: 'approve' }), config);
  const [updated, unknownKey] = await Promise.all([
    cli(['update-state', gate, '--values', '{"amount": 950}', '--as-node', 'approve', '--as', 'ops:admin', '--json']),
    cli(['update-state', gate, '--values', '{"nope": 1}', '--as', 'ops:admin']),
  ]);
  const checkpoint = jsonOf<{ configurable: { thread_id: string; checkpoint_id: string } }>(updated);
  expect(unknownKey.status).toBe(1);
  expect(unknownKey.stderr).toMatch(/^durable-graph update-state: INVALID_UPDATE: .*nope/);

  const graph = env.client.graph('approvedPayment');
  const [state, history, audit, stateText] = await Promise.all([
    cli(['state', gate, '--json']),
    cli(['history', gate, '--json']),
    cli(['audit', gate, '--json']),
    cli(['state', gate]),
  ]);
  const snapshot = await graph.getState(config);
  expect(snapshot.values.amount).toBe(950);
  expect(snapshot.config).toEqual(checkpoint);
  expect(jsonOf(state)).toEqual(snapshot);
  expect(jsonOf(history)).toEqual(await graph.getStateHistory(config));
  const log = jsonOf<Array<{ kind: string; by: Identity; asNode?: string }>>(audit);
  expect(log).toEqual(await graph.getAuditLog(config));
  expect(log.map((e) => [e.kind, e.by.id])).toEqual([
    ['input', 'alice'],
    ['resume', 'carol'],
    ['updateState', 'ops'],
  ]);
  expect(stateText.stdout).toContain(`Thread ${gate}: idle, step ${snapshot.metadata.step}, checkpoint ${checkpoint.configurable.checkpoint_id}`);
  expect(stateText.stdout).toContain('"amount": 950');
}, 120_000);

test('with --url and --api-key the same commands go through the HTTP server, acting as the key\'s identity, and print the same JSON', async () => {
  const payment = await started('operatorPaymentAgent', "Pay this week's invoices: Globex 120 EUR, Initech 5000 EUR.");
  const config = env.config(payment);
  for (;;) {
    const waiting = [];
    for await (const t of env.client.listThreads({ graph: 'operatorPaymentAgent', status: 'interrupted' })) waiting.push(t.threadId);
    if (waiting.includes(payment)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const viaHttp = (key: string, ...args: string[]) => cli([...args, '--url', http.url, '--api-key', key]);
  const nobody = `http://127.0.0.1:${await freePort()}`;
  const [listed, shown, ownPayment, someoneElse, unreachable] = await Promise.all([
    viaHttp('carol-key-0001', 'threads', '--graph', 'operatorPaymentAgent', '--status', 'interrupted', '--json'),
    viaHttp('carol-key-0001', 'show', payment, '--json'),
    viaHttp('alice-key-0001', 'approve', payment, '--json'),
    viaHttp('alice-key-0001', 'state', payment, '--as', 'carol:finance'),
    cli(['state', payment, '--url', nobody, '--api-key', 'carol-key-0001']),
  ]);
  const row = jsonOf<Array<ThreadInfo & { waitingSince: string }>>(listed).find((t) => t.threadId === payment);
  expect(row).toMatchObject({ graph: 'operatorPaymentAgent', status: 'interrupted', pendingInterrupts: 1, waitingSince: expect.stringMatching(/^\d{4}-/) });
  expect(jsonOf<ShownThread>(shown)).toMatchObject({ graph: 'operatorPaymentAgent', status: 'interrupted', requests: [{ shape: 'agent-inbox', call: { name: 'pay' } }] });
  expect(ownPayment.status).toBe(1);
  expect(refusalOf(ownPayment)).toEqual({ code: 'NOT_AUTHORIZED', message: expect.stringContaining('the requester (alice) may not answer it') });
  expect(someoneElse.status).toBe(1);
  expect(someoneElse.stderr).toContain("NOT_AUTHORIZED: The HTTP server at http://127.0.0.1:");
  expect(someoneElse.stderr).toContain("acts as the API key's identity (alice); --as / DURABLE_GRAPH_IDENTITY cannot make it carol");
  expect(unreachable.status).toBe(3);
  expect(unreachable.stderr).toContain(`UNAVAILABLE: durable-graph's HTTP server at ${nobody} could not be reached`);

  const approved = jsonOf<AnswerOutcome>(await viaHttp('carol-key-0001', 'approve', payment, '--json'));
  expect(approved).toMatchObject({ by: { id: 'carol', roles: ['finance'], name: 'Carol' }, answer: { type: 'accept', args: null }, status: 'idle' });
  expect(env.effects(payment).map((e) => e.details.payee)).toEqual(['Globex', 'Initech']);
  const graph = env.client.graph('operatorPaymentAgent');
  const [state, history, audit] = await Promise.all([
    viaHttp('carol-key-0001', 'state', payment, '--json'),
    viaHttp('carol-key-0001', 'history', payment, '--limit', '3', '--json'),
    viaHttp('carol-key-0001', 'audit', payment, '--json'),
  ]);
  expect(jsonOf(state)).toEqual(await graph.getState(config));
  expect(jsonOf(history)).toEqual(await graph.getStateHistory(config, { limit: 3 }));
  expect(jsonOf(audit)).toEqual(await graph.getAuditLog(config));
}, 120_000);

test('a command line it does not understand exits 2, Temporal out of reach exits 3, and --help explains a command with examples', async () => {
  const nobody = `127.0.0.1:${await freePort()}`;
  const [missingThread, badValues, unreachable, unreachableJson, help] = await Promise.all([
    cli(['approve']),
    cli(['update-state', 't', '--values', '{oops']),
    cli(['state', 'some-thread'], { TEMPORAL_ADDRESS: nobody }),
    cli(['threads', '--json'], { TEMPORAL_ADDRESS: nobody }),
    cli(['approve', '--help']),
  ]);
  expect(missingThread.status).toBe(2);
  expect(missingThread.stderr).toContain("missing required argument 'thread'");
  expect(badValues.status).toBe(2);
  expect(badValues.stderr).toContain('--values must be JSON');
  expect(unreachable.status).toBe(3);
  expect(unreachable.stderr).toContain(`durable-graph state: UNAVAILABLE: Temporal at ${nobody} could not be reached`);
  expect(unreachableJson.status).toBe(3);
  expect(refusalOf(unreachableJson).code).toBe('UNAVAILABLE');
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^Usage: durable-graph approve \[options\] <thread>/);
  expect(help.stdout).toMatch(/Sends \{\s+type: 'accept', args: null \} to an agent-inbox request and \{ type: 'approve' \}/);
  expect(help.stdout).toContain('$ durable-graph approve demo-payments --as fran:finance');
  expect(help.stdout).toContain('Exit codes: 0 ok, 1 refused (the error code is printed), 2 usage, 3 Temporal unavailable.');
}, 60_000);
