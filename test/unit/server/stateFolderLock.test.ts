import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessRunning, processStartTime } from '../../../src/server/processes';
import { LOCK_FILE, lockStateFolder, StateFolderInUseError, StateFolderOwner } from '../../../src/server/stateFolderLock';

let folder: string;
let lockFile: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'dg-lock-'));
  lockFile = join(folder, LOCK_FILE);
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

const silent = () => undefined;

function track(child: ChildProcess): ChildProcess {
  children.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A stand-in whose command line reads `…/temporal server start-dev --port <port>`, like a real dev server. */
async function fakeDevServer(port: number, onTerm: 'exit' | 'ignore' = 'exit'): Promise<ChildProcess> {
  const script = join(folder, 'temporal');
  const ready = join(folder, `ready-${port}-${children.length}`);
  const trap = onTerm === 'exit' ? `trap 'kill $! 2>/dev/null; exit 0' TERM` : `trap '' TERM`;
  writeFileSync(script, `#!/bin/sh\n${trap}\ntouch "$READY"\nwhile true; do sleep 1 & wait $!; done\n`);
  chmodSync(script, 0o755);
  const child = track(spawn(script, ['server', 'start-dev', '--port', String(port)], { stdio: 'ignore', env: { ...process.env, READY: ready } }));
  // The trap is set once the script has touched its ready file.
  await until(() => existsSync(ready), 'the fake server to set its trap');
  return child;
}

function liveProcess(): ChildProcess {
  return track(spawn('sleep', ['60'], { stdio: 'ignore' }));
}

async function deadPid(): Promise<number> {
  const gone = spawn('true');
  await exited(gone);
  return gone.pid!;
}

function writeLock(owner: StateFolderOwner): void {
  writeFileSync(lockFile, JSON.stringify(owner));
}

function readLock(): StateFolderOwner {
  return JSON.parse(readFileSync(lockFile, 'utf8')) as StateFolderOwner;
}

test('a job takes a free state folder, records its server, and releasing removes the lock', async () => {
  const lock = await lockStateFolder(folder, { job: 'durable-graph start', log: silent });
  expect(readLock()).toEqual({ pid: process.pid, startedAt: processStartTime(process.pid), job: 'durable-graph start' });
  lock.recordServer({ pid: 4242, address: '127.0.0.1:7233' });
  expect(readLock().server).toEqual({ pid: 4242, address: '127.0.0.1:7233' });
  lock.release();
  expect(existsSync(lockFile)).toBe(false);
});

test('a second job is refused while the first job lives, with its pid and the two ways to run another, and its server is left alone', async () => {
  const job = liveProcess();
  const server = await fakeDevServer(17233);
  writeLock({ pid: job.pid!, startedAt: processStartTime(job.pid!), job: 'durable-graph start', server: { pid: server.pid!, address: '127.0.0.1:17233' } });

  const error = await lockStateFolder(folder, { log: silent }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StateFolderInUseError);
  expect(error).toMatchObject({ code: 'STATE_FOLDER_IN_USE', folder, owner: { pid: job.pid } });
  const message = (error as Error).message;
  expect(message).toContain(`in use by pid ${job.pid} (durable-graph start)`);
  expect(message).toContain('TEMPORAL_ADDRESS=127.0.0.1:17233');
  expect(message).toContain('DURABLE_GRAPH_HOME=');
  expect(isProcessRunning(server.pid!)).toBe(true);
  expect(readLock().pid).toBe(job.pid);
});

test('a second job is refused while the first job is still starting its server', async () => {
  const job = liveProcess();
  writeLock({ pid: job.pid!, startedAt: processStartTime(job.pid!), job: 'durable-graph server' });
  await expect(lockStateFolder(folder, { log: silent })).rejects.toThrow(/whose Temporal server is starting/);
});

test('a lock whose job is gone is taken over, and the dev server that job left running is stopped', async () => {
  const server = await fakeDevServer(17234);
  const owner = await deadPid();
  writeLock({ pid: owner, job: 'durable-graph start', server: { pid: server.pid!, address: '127.0.0.1:17234' } });
  const lines: string[] = [];

  const lock = await lockStateFolder(folder, { log: (l) => lines.push(l) });
  await exited(server);
  expect(server.exitCode).toBe(0);
  expect(lines.join('\n')).toContain(`left running by an earlier run (pid ${server.pid}; its job, pid ${owner}, is gone)`);
  expect(readLock().pid).toBe(process.pid);
  lock.release();
});

test('a stale server that ignores SIGTERM is killed after the timeout', async () => {
  const server = await fakeDevServer(17235, 'ignore');
  writeLock({ pid: await deadPid(), job: 'durable-graph start', server: { pid: server.pid!, address: '127.0.0.1:17235' } });
  const lock = await lockStateFolder(folder, { log: silent, stopTimeoutMs: 300 });
  await exited(server);
  expect(server.signalCode).toBe('SIGKILL');
  lock.release();
});

test('a live process that is not a temporal dev server is left alone though a dead job recorded its pid', async () => {
  const other = liveProcess();
  writeLock({ pid: await deadPid(), job: 'durable-graph start', server: { pid: other.pid!, address: '127.0.0.1:17236' } });
  const lock = await lockStateFolder(folder, { log: silent });
  expect(isProcessRunning(other.pid!)).toBe(true);
  lock.release();
});

test('a temporal dev server on another port than the recorded one is left alone', async () => {
  const other = await fakeDevServer(17237);
  writeLock({ pid: await deadPid(), job: 'durable-graph start', server: { pid: other.pid!, address: '127.0.0.1:17238' } });
  const lock = await lockStateFolder(folder, { log: silent });
  expect(isProcessRunning(other.pid!)).toBe(true);
  lock.release();
});

test('a job pid now used by another process (another start time) counts as gone', async () => {
  const reused = liveProcess();
  writeLock({ pid: reused.pid!, startedAt: 'an earlier process', job: 'durable-graph start' });
  const lock = await lockStateFolder(folder, { log: silent });
  expect(readLock().pid).toBe(process.pid);
  expect(isProcessRunning(reused.pid!)).toBe(true);
  lock.release();
});

test('a lock naming this process is stale unless this process holds it (a container restarts with the same pid)', async () => {
  writeLock({ pid: process.pid, startedAt: processStartTime(process.pid), job: 'an earlier run' });
  const lock = await lockStateFolder(folder, { job: 'this run', log: silent });
  expect(readLock().job).toBe('this run');
  await expect(lockStateFolder(folder, { log: silent })).rejects.toBeInstanceOf(StateFolderInUseError);
  lock.release();
});

test('a file that is not a lock is replaced', async () => {
  writeFileSync(lockFile, 'not json');
  const lock = await lockStateFolder(folder, { log: silent });
  expect(readLock().pid).toBe(process.pid);
  lock.release();
});

test('release leaves a lock that no longer names this job', async () => {
  const lock = await lockStateFolder(folder, { log: silent });
  writeLock({ pid: 4242, job: 'a later job' });
  lock.release();
  expect(readLock().job).toBe('a later job');
});

test('of four processes racing for a folder with a stale lock, exactly one gets it', async () => {
  writeLock({ pid: await deadPid(), job: 'durable-graph start' });
  const script = `
    const { lockStateFolder } = require(${JSON.stringify(join(__dirname, '../../../src/server/stateFolderLock'))});
    lockStateFolder(process.argv[1], { log: () => undefined }).then(
      () => { console.log('got'); process.stdin.resume(); },
      (e) => { console.log(e.code ?? e.message); process.exit(0); });`;
  const racers = Array.from({ length: 4 }, () => {
    const child = track(spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script, folder], { stdio: ['pipe', 'pipe', 'inherit'] }));
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    return () => out.trim();
  });
  await until(() => racers.every((r) => r() !== ''), 'every racer to answer');
  const answers = racers.map((r) => r()).sort();
  expect(answers).toEqual(['STATE_FOLDER_IN_USE', 'STATE_FOLDER_IN_USE', 'STATE_FOLDER_IN_USE', 'got']);
}, 30_000);
