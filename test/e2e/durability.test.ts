import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, GraphClient } from '../../src';
import { fileLedger } from '../../activities/ledger';
import { testServerAddress, uniqueTaskQueue } from '../helpers/harness';
import { startScriptedModel, whenToolResult, whenUserSays } from '../../src/testing';

const dir = mkdtempSync(join(tmpdir(), 'durability-'));
const ledger = fileLedger(join(dir, 'ledger.jsonl'));
const taskQueue = uniqueTaskQueue('durable');
let client: GraphClient;
const workers: ChildProcess[] = [];

/** Starts a worker process and resolves once it polls. */
function startWorkerProcess(extraEnv: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '../helpers/workerProcess.ts'), testServerAddress(), taskQueue, join(dir, 'ledger.jsonl')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...extraEnv },
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('worker ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker process exited with ${code} before it was ready`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const effects = (threadId: string, action: string) => ledger.entries().filter((e) => e.key.includes(`:${threadId}:`) && e.action === action);

beforeAll(async () => {
  client = await GraphClient.connect({ address: testServerAddress(), taskQueue });
});
// Each test owns the task queue's workers: none may outlive it and pick up the next test's tasks.
afterEach(() => Promise.all(workers.splice(0).filter((w) => w.exitCode === null && w.signalCode === null).map(kill)));
afterAll(() => client.close());

test('a worker killed while a thread waits for a human: a new worker finishes it and the effect before the question ran once', async () => {
  const threadId = uniqueTaskQueue('kill-waiting');
  const config = { configurable: { thread_id: threadId } };
  const graph = client.graph('durableJob');
  const first = await startWorkerProcess();
  const paused = await graph.invoke({ ms: 10 }, config);
  expect(paused.__interrupt__![0].value).toEqual({ question: 'confirm?', reserved: 'reserved seat' });
  await kill(first);
  await startWorkerProcess();
  const done = await graph.invoke(new Command({ resume: 'yes' }), config);
  expect(done.log).toEqual(['reserved seat', 'effect after 10 ms']);
  expect(effects(threadId, 'reserve')).toHaveLength(1);
  expect(effects(threadId, 'slowEffect')).toHaveLength(1);
}, 90_000);

test('a worker killed while an activity runs: the activity is retried on a new worker and its effect lands once', async () => {
  const threadId = uniqueTaskQueue('kill-activity');
  const config = { configurable: { thread_id: threadId } };
  const graph = client.graph('durableJob');
  const worker = await startWorkerProcess();
  await graph.invoke({ ms: 1500 }, config);
  const resumed = graph.invoke(new Command({ resume: 'yes' }), config);
  for (let i = 0; i < 100 && effects(threadId, 'slowEffect-started').length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  expect(effects(threadId, 'slowEffect-started')).toHaveLength(1);
  await kill(worker);
  await startWorkerProcess();
  const done = await resumed;
  expect(done.log).toEqual(['reserved seat', 'effect after 1500 ms']);
  expect(effects(threadId, 'slowEffect-started').length).toBeGreaterThanOrEqual(2);
  expect(effects(threadId, 'slowEffect')).toHaveLength(1);
  expect(effects(threadId, 'reserve')).toHaveLength(1);
}, 90_000);

test('a worker that dies after paying an approved payment, before reporting it: the retry pays nothing more', async () => {
  const model = await startScriptedModel({
    rules: [
      whenUserSays('Pay Initech', { toolCalls: [{ name: 'pay', args: { payee: 'Initech', amount: 5000, currency: 'EUR', reference: 'INV-77' } }] }),
      whenToolResult('pay', { content: 'Paid.' }),
    ],
  });
  const llmEnv = { OPENAI_BASE_URL: model.url, OPENAI_API_KEY: 'test', OPENAI_MODEL: model.model };
  try {
    const threadId = uniqueTaskQueue('kill-payment');
    const config = { configurable: { thread_id: threadId } };
    const graph = client.graph('paymentAgent');
    const worker = await startWorkerProcess({ ...llmEnv, HOLD_AFTER_PAY_MS: '60000' });
    const paused = await graph.invoke({ messages: [{ role: 'user', content: 'Pay Initech 5000 EUR' }] }, config);
    const [request] = paused.__interrupt__!;
    expect(effects(threadId, 'pay')).toHaveLength(0);
    // The payment agent's policy: a finance approver who is not the requester (here anonymous).
    const approved = client.withIdentity({ id: 'fran', roles: ['finance'] }).graph('paymentAgent').invoke(new Command({ resume: { [request.id!]: { type: 'accept', args: null } } }), config);
    for (let i = 0; i < 100 && effects(threadId, 'pay').length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(effects(threadId, 'pay')).toHaveLength(1);
    await kill(worker);
    await startWorkerProcess(llmEnv);
    const done = await approved;
    expect(done.__interrupt__).toBeUndefined();
    expect(effects(threadId, 'pay-attempt').length).toBeGreaterThanOrEqual(2);
    expect(effects(threadId, 'pay')).toHaveLength(1);
    expect(effects(threadId, 'pay')[0].details).toMatchObject({ payee: 'Initech', amount: 5000 });
  } finally {
    await model.close();
  }
}, 120_000);
