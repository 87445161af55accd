import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, GraphClient } from '../../src';
import { fileLedger } from '../../activities/ledger';
import { testServerAddress, uniqueTaskQueue } from '../helpers/harness';

const dir = mkdtempSync(join(tmpdir(), 'durability-'));
const ledger = fileLedger(join(dir, 'ledger.jsonl'));
const taskQueue = uniqueTaskQueue('durable');
let client: GraphClient;
const workers: ChildProcess[] = [];

/** Starts a worker process and resolves once it polls. */
function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '../helpers/workerProcess.ts'), testServerAddress(), taskQueue, join(dir, 'ledger.jsonl')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('worker ready') && resolve(child));
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
