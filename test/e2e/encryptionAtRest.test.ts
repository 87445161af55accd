// Encryption at rest against a real Temporal dev server with a SQLite file: with the codec on client
// and worker, nothing a user typed or a model said reaches the file in plaintext; without it, the
// same run does (so the byte scan can fail); an encrypted history replays only with its key.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, memoryLedger } from '../../activities';
import { Command, createWorker, GraphClient } from '../../src';
import { createEncryptionCodec, KEY_ID_METADATA, keylessCodec } from '../../src/client/encryptionCodec';
import { DURABLE_GRAPH_SEARCH_ATTRIBUTES } from '../../src/client/namespaceSetup';
import { startDevServer, type DevServer } from '../../src/server/devServer';
import { contentText, lastMessage, whenToolResult, whenUserSays } from '../../src/testing';
import { requests, startAgentTest, userSays, type AgentTestEnv } from '../helpers/agentTest';
import { testBundle, uniqueTaskQueue } from '../helpers/harness';
import { metadataText, storedPayloads } from '../helpers/storedPayloads';

const RECIPIENT = 'Zebulon Quartermaine';
const AMOUNT = 987654.32;
const REFERENCE = 'INV-LIGHTHOUSE-7781';
const USER_TEXT = 'Please settle the lighthouse restoration invoice from the Marmalade Guild';
/** What must never reach the database in plaintext (UTF-8, and as JSON escapes them: the same here). */
const PLAINTEXT = [RECIPIENT, String(AMOUNT), REFERENCE, USER_TEXT, 'lighthouse restoration', 'Marmalade Guild'];

const k1 = randomBytes(32);
const encrypted: DataConverter = { payloadCodecs: [createEncryptionCodec({ keys: { k1 }, currentKeyId: 'k1' })] };

const rules = [
  whenUserSays('lighthouse restoration', { toolCalls: [{ name: 'pay', args: { payee: RECIPIENT, amount: AMOUNT, currency: 'EUR', reference: REFERENCE } }] }),
  whenToolResult('pay', (request) => ({ content: `Payment result: ${contentText(lastMessage(request)?.content)}` })),
];

let dir: string;
let server: DevServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'durable-graph-encryption-'));
  server = await startDevServer({ dbFilename: join(dir, 'temporal.sqlite'), log: () => undefined });
}, 90_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Every byte Temporal wrote: the SQLite file and its journal / WAL files beside it. SQLite deletes a
 * rollback journal when its transaction commits, so a file listed a moment ago may be gone by the time
 * it is read: its contents are then in the database file, which is read too.
 */
function databaseBytes(): Buffer {
  return Buffer.concat(readdirSync(dir).flatMap((file) => fileBytesIfStillThere(join(dir, file))));
}

function fileBytesIfStillThere(path: string): Buffer[] {
  try {
    return [readFileSync(path)];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function plaintextFound(): string[] {
  const bytes = databaseBytes();
  return PLAINTEXT.filter((text) => bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(JSON.stringify(text).slice(1, -1), 'utf8')));
}

/** A payment thread run to its approval pause, checked, then approved and run to its end. */
async function runPayment(dataConverter: DataConverter | undefined): Promise<{ env: AgentTestEnv; threadId: string }> {
  const env = await startAgentTest({ rules, address: server.address, dataConverter });
  const threadId = env.threadId('pay');
  const config = env.config(threadId);
  const paused = await env.client.graph('paymentAgent').invoke(userSays(USER_TEXT), config);
  expect(requests(paused.__interrupt__)[0].value.action_request.args).toMatchObject({ payee: RECIPIENT, amount: AMOUNT });
  // Above 10,000 the payment agent's policy takes two distinct finance approvers.
  const accept = new Command({ resume: { type: 'accept', args: null } });
  await env.client.withIdentity({ id: 'fran', roles: ['finance'] }).graph('paymentAgent').invoke(accept, config);
  const done = await env.client.withIdentity({ id: 'gus', roles: ['finance'] }).graph('paymentAgent').invoke(accept, config);
  expect(done.__interrupt__).toBeUndefined();
  expect((done.messages as Array<{ content: string }>).at(-1)!.content).toBe(`Payment result: paid ${AMOUNT} EUR to ${RECIPIENT} (reference ${REFERENCE})`);
  return { env, threadId };
}

let encryptedRun: Promise<{ env: AgentTestEnv; threadId: string }> | undefined;
/** The encrypted run, made once for the tests that read it. */
function theEncryptedRun() {
  encryptedRun ??= runPayment(encrypted);
  return encryptedRun;
}
afterAll(async () => {
  if (encryptedRun) await (await encryptedRun).env.stop();
});

test('with encryption on for client and worker, a paused and finished payment leaves no amount, recipient or message text in the SQLite file', async () => {
  await theEncryptedRun();
  expect(readdirSync(dir)).toContain('temporal.sqlite');
  expect(plaintextFound()).toEqual([]);
});

test('search attributes carry only the graph name, status and pending count, and no memo is written', async () => {
  const { env, threadId } = await theEncryptedRun();
  const description = await env.client.temporal.workflow.getHandle(threadId).describe();
  const ours = Object.fromEntries(Object.entries(description.searchAttributes).filter(([name]) => name.startsWith('DurableGraph')));
  // Every published attribute is a registered one; none holds a payload value.
  expect(Object.keys(ours).every((name) => DURABLE_GRAPH_SEARCH_ATTRIBUTES.some((key) => key.name === name))).toBe(true);
  expect(ours).toMatchObject({ DurableGraphName: ['paymentAgent'], DurableGraphStatus: ['idle'], DurableGraphPendingInterrupts: [0] });
  expect(PLAINTEXT.filter((text) => JSON.stringify(description.searchAttributes).includes(text))).toEqual([]);
  expect(description.memo ?? {}).toEqual({});
  expect(description.raw.workflowExecutionInfo?.memo?.fields ?? {}).toEqual({});
});

test('an encrypted history replays with the key', async () => {
  const { env, threadId } = await theEncryptedRun();
  const history = await env.client.temporal.workflow.getHandle(threadId).fetchHistory();
  await expect(Worker.runReplayHistory({ workflowBundle: testBundle(), dataConverter: encrypted }, history, threadId)).resolves.toBeUndefined();
});

test('an encrypted history fails to replay without the key, with an error naming the key id it needs', async () => {
  const { env, threadId } = await theEncryptedRun();
  const history = await env.client.temporal.workflow.getHandle(threadId).fetchHistory();
  const withoutKey = Worker.runReplayHistory({ workflowBundle: testBundle(), dataConverter: { payloadCodecs: [keylessCodec()] } }, history, threadId);
  // Temporal's replay error quotes the workflow task failure, escaping the quotes of our message.
  await expect(withoutKey).rejects.toThrow(/encrypted with key id \W*k1\W*, which this process does not have/);
  const otherKey: DataConverter = { payloadCodecs: [createEncryptionCodec({ keys: { k2: randomBytes(32) }, currentKeyId: 'k2' })] };
  await expect(Worker.runReplayHistory({ workflowBundle: testBundle(), dataConverter: otherKey }, history, threadId)).rejects.toThrow(/key id \W*k1\W*, which this process does not have \(it has \W*k2/);
});

test('a client without the key reading an encrypted thread is told which key id it needs', async () => {
  const { env, threadId } = await theEncryptedRun();
  const plain = await startAgentTest({ rules, address: server.address });
  try {
    const refused = await plain.client.graph('paymentAgent').getState(env.config(threadId)).catch((err: Error) => err);
    expect(refused).toMatchObject({ code: 'ENCRYPTION_KEY_MISSING', message: expect.stringContaining('encrypted with key id "k1"') });
  } finally {
    await plain.stop();
  }
});

/** The key id of each payload of a thread's history, as Temporal stores it. */
async function keyIdsOfHistory(threadId: string): Promise<Array<string | undefined>> {
  return (await storedPayloads(server.address, threadId)).map((payload) => metadataText(payload, KEY_ID_METADATA));
}

test('after a rotation from k1 to k2, a thread paused under k1 resumes and finishes, its new payloads encrypted with k2', async () => {
  const k2 = randomBytes(32);
  const address = server.address;
  const taskQueue = uniqueTaskQueue('rotation');
  const workflowBundle = testBundle();
  const activities = createActivities({ ledger: memoryLedger() });
  const config = { configurable: { thread_id: uniqueTaskQueue('rotated-thread') } };
  const connection = await NativeConnection.connect({ address });

  // Before the rotation: k1 only.
  const k1Only = createEncryptionCodec({ keys: { k1 }, currentKeyId: 'k1' });
  const firstWorker = await createWorker({ connection, taskQueue, workflowBundle, activities, dataConverter: { payloadCodecs: [k1Only] } });
  const firstRunning = firstWorker.run();
  const firstClient = await GraphClient.connect({ address, taskQueue, dataConverter: { payloadCodecs: [k1Only] } });
  expect((await firstClient.graph('approvalGate').invoke({}, config)).__interrupt__).toHaveLength(1);
  await firstClient.close();
  firstWorker.shutdown();
  await firstRunning;
  const pausedUnderK1 = await keyIdsOfHistory(config.configurable.thread_id);
  expect(new Set(pausedUnderK1)).toEqual(new Set(['k1']));

  // The rotation: k2 writes, k1 is kept for reading.
  const codec = createEncryptionCodec({ keys: { k1, k2 }, currentKeyId: 'k2' });
  const worker = await createWorker({ connection, taskQueue, workflowBundle, activities, dataConverter: { payloadCodecs: [codec] } });
  const running = worker.run();
  const client = await GraphClient.connect({ address, taskQueue, dataConverter: { payloadCodecs: [codec] } });
  try {
    const done = await client.graph('approvalGate').invoke(new Command({ resume: 'approve' }), config);
    expect(done).toMatchObject({ approved: true, log: ['done: Delete 1,432 inactive user accounts'] });
  } finally {
    await client.close();
    worker.shutdown();
    await running;
    await connection.close();
  }
  const all = await keyIdsOfHistory(config.configurable.thread_id);
  expect(all.slice(0, pausedUnderK1.length)).toEqual(pausedUnderK1);
  expect(new Set(all.slice(pausedUnderK1.length))).toEqual(new Set(['k2']));
});

// Runs after the encrypted checks above: it writes the same plaintext into the same file.
test('without encryption the same run leaves the amount, recipient and message text in the file (the scan can fail)', async () => {
  await theEncryptedRun();
  expect(plaintextFound()).toEqual([]);
  const { env } = await runPayment(undefined);
  await env.stop();
  expect(plaintextFound()).toEqual(PLAINTEXT);
});
