import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { GraphClient } from '../../src/client/graphClient';
import { createEncryptionCodec } from '../../src/client/encryptionCodec';
import { freePort } from '../../src/server/devServer';
import { isProcessRunning as alive } from '../../src/server/processes';
import { LOCK_FILE, StateFolderOwner } from '../../src/server/stateFolderLock';
import { resolveTemporalBinary } from '../../src/server/temporalBinary';
import { testServerAddress, uniqueTaskQueue } from '../helpers/harness';
import { metadataText, storedPayloads } from '../helpers/storedPayloads';

const repo = join(__dirname, '..', '..');
const cliArgs = ['-r', 'ts-node/register/transpile-only', join(repo, 'src', 'cli', 'main.ts')];

let home: string;
let env: NodeJS.ProcessEnv;
const leftovers: number[] = [];
const clis: ChildProcess[] = [];

beforeAll(async () => {
  // Resolved from the project cache once, so the temp DURABLE_GRAPH_HOME below never triggers an install.
  const { path } = await resolveTemporalBinary({ log: () => undefined });
  env = { ...process.env, TEMPORAL_CLI_PATH: path, TEMPORAL_ADDRESS: undefined };
});
beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'dg-cli-'));
  env = { ...env, DURABLE_GRAPH_HOME: home, DURABLE_GRAPH_PORT: String(await freePortPair()) };
});
afterEach(() => {
  // A failed test must not leave a CLI (which would keep jest from exiting) or a server behind.
  for (const cli of clis.splice(0)) if (cli.exitCode === null && cli.signalCode === null) cli.kill('SIGKILL');
  for (const pid of leftovers.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(home, { recursive: true, force: true });
});

/** A free gRPC port whose Web UI port (port + 1000) is free as well. */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + 1000 <= 65535 && (await canListen(port + 1000))) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

interface RunningCli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | NodeJS.Signals>;
}

function startCli(args: string[], moreEnv: NodeJS.ProcessEnv = {}): RunningCli {
  const child = spawn(process.execPath, [...cliArgs, ...args], { cwd: repo, env: { ...env, ...moreEnv }, stdio: ['pipe', 'pipe', 'pipe'] });
  clis.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal!)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

function readLock(): StateFolderOwner {
  return JSON.parse(readFileSync(join(home, LOCK_FILE), 'utf8')) as StateFolderOwner;
}

/** Waits for the Web UI line (the job is up), then returns the server pid from the state folder's lock. */
async function waitUntilUp(cli: RunningCli): Promise<number> {
  const deadline = Date.now() + 45_000;
  let exited = false;
  void cli.exit.then(() => (exited = true));
  while (!/^Web UI: /m.test(cli.stdout())) {
    if (exited || Date.now() > deadline) throw new Error(`the CLI did not come up:\n${cli.stdout()}\n${cli.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = readLock().server!.pid;
  leftovers.push(pid);
  return pid;
}

test('start brings up Temporal on DURABLE_GRAPH_PORT, and SIGTERM stops it and exits 0 leaving no server', async () => {
  const cli = startCli(['start']);
  const serverPid = await waitUntilUp(cli);
  const port = Number(env.DURABLE_GRAPH_PORT);
  expect(cli.stdout()).toContain(`Temporal: 127.0.0.1:${port}`);
  expect(cli.stdout()).toContain(`Web UI: http://127.0.0.1:${port + 1000}`);
  expect(alive(serverPid)).toBe(true);

  cli.child.kill('SIGTERM');
  expect(await cli.exit).toBe(0);
  expect(alive(serverPid)).toBe(false);
  expect(existsSync(join(home, LOCK_FILE))).toBe(false);
});

test('start stops the server a killed earlier run left behind', async () => {
  const killed = startCli(['start']);
  const orphan = await waitUntilUp(killed);
  killed.child.kill('SIGKILL');
  await killed.exit;
  // SIGKILL gives no chance to clean up: the server outlives its parent, which is what the pid file is for.
  expect(alive(orphan)).toBe(true);

  // The orphan writes its rare error logs into a pipe nobody reads any more, and Go exits on that
  // (SIGPIPE on stderr): under load it may be gone by itself before the next start looks. Either
  // way the next start clears the stale lock and runs its server on the same port.
  const next = startCli(['start']);
  const serverPid = await waitUntilUp(next);
  const stopped = `left running by an earlier run (pid ${orphan}; its job, pid ${killed.child.pid}, is gone)`;
  expect(next.stdout()).toContain(`Temporal: 127.0.0.1:${env.DURABLE_GRAPH_PORT}`);
  if (!next.stderr().includes(stopped)) console.warn(`the orphan dev server (pid ${orphan}) was gone before the next start looked`);
  expect(alive(orphan)).toBe(false);
  next.child.kill('SIGTERM');
  expect(await next.exit).toBe(0);
  expect(alive(serverPid)).toBe(false);
});

test('--version prints the version from package.json', () => {
  const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
  const r = spawnSync(process.execPath, [...cliArgs, '--version'], { cwd: repo, env, encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(`${version}\n`);
});

test('an unknown command prints the help on stderr and exits 2', () => {
  const r = spawnSync(process.execPath, [...cliArgs, 'frobnicate'], { cwd: repo, env, encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain("unknown command 'frobnicate'");
  expect(r.stderr).toContain('Usage: durable-graph <command>');
});

async function waitFor(cli: RunningCli, pattern: RegExp, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(cli.stdout())) {
    if (cli.child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${pattern} in:\n${cli.stdout()}\n${cli.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the main job', () => {
  test('without a terminal it starts one thread per shipped agent, lists what waits, and a restart finds them instead of starting duplicates', async () => {
    const first = startCli(['start']);
    const serverPid = await waitUntilUp(first);
    await waitFor(first, /No terminal: serving until SIGTERM/);
    expect(first.stdout()).toContain('scripted local model');
    expect(first.stdout()).toContain('5 request(s) wait for a human');
    for (const action of ['send_email(', 'delete_records(', 'pay(', 'scale_down(', 'apply_changes(']) expect(first.stdout()).toContain(`call: ${action}`);
    expect(first.stdout()).toContain('demo-payments: started');
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(alive(serverPid)).toBe(false);

    const second = startCli(['start']);
    const secondPid = await waitUntilUp(second);
    await waitFor(second, /No terminal: serving until SIGTERM/);
    expect(second.stdout()).toContain('demo-payments: found (interrupted)');
    expect(second.stdout()).not.toContain(': started');
    expect(second.stdout()).toContain('5 request(s) wait for a human');
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
    expect(alive(secondPid)).toBe(false);
  }, 180_000);

  test('in the terminal inbox a person approves a payment and the thread goes on to pay it', async () => {
    env = { ...env, DURABLE_GRAPH_INTERACTIVE: '1' };
    const cli = startCli(['start']);
    const serverPid = await waitUntilUp(cli);
    await waitFor(cli, /Answer which\?/);
    cli.child.stdin!.write('3\n');
    await waitFor(cli, /\[a\]pprove \/ \[r\]espond \/ \[i\]gnore \/ \[s\]kip/);
    cli.child.stdin!.write('a\n');
    await waitFor(cli, /demo-payments finished: Done\. pay: /);
    await waitFor(cli, /4 request\(s\) wait for a human/);
    cli.child.stdin!.write('q\n');
    expect(await cli.exit).toBe(0);
    expect(alive(serverPid)).toBe(false);
  }, 180_000);
});

/** The Temporal server at `address` answers a namespace query. */
async function expectServing(address: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 5_000 });
  try {
    const { namespaceInfo } = await connection.workflowService.describeNamespace({ namespace: 'default' });
    expect(namespaceInfo?.name).toBe('default');
  } finally {
    await connection.close();
  }
}

describe('one job per state folder', () => {
  test('while a server uses the state folder, a second start, worker or server on another port exits 1 naming its pid, and the first server keeps serving', async () => {
    const first = startCli(['server']);
    const serverPid = await waitUntilUp(first);
    const address = `127.0.0.1:${env.DURABLE_GRAPH_PORT}`;
    for (const command of ['start', 'worker', 'server']) {
      // Another port: the state folder is what one job at a time may use.
      const second = startCli([command], { DURABLE_GRAPH_PORT: String(await freePortPair()) });
      expect(await second.exit).toBe(1);
      expect(second.stderr()).toContain(`durable-graph ${command}: STATE_FOLDER_IN_USE: the state folder ${home} is in use by pid ${first.child.pid} (durable-graph server)`);
      expect(second.stderr()).toContain(`TEMPORAL_ADDRESS=${address}`);
      expect(second.stderr()).toContain('DURABLE_GRAPH_HOME=');
    }
    expect(alive(serverPid)).toBe(true);
    await expectServing(address);
    expect(readLock()).toMatchObject({ pid: first.child.pid, job: 'durable-graph server', server: { pid: serverPid, address } });
    expect(first.stderr()).not.toContain('stopping');

    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(alive(serverPid)).toBe(false);
  }, 90_000);

  test('a worker given TEMPORAL_ADDRESS beside a running server starts no server and leaves the state folder lock as it is', async () => {
    const first = startCli(['server']);
    const serverPid = await waitUntilUp(first);
    const address = `127.0.0.1:${env.DURABLE_GRAPH_PORT}`;
    const lock = readFileSync(join(home, LOCK_FILE), 'utf8');

    const worker = startCli(['worker'], { TEMPORAL_ADDRESS: address });
    await waitFor(worker, /^Worker: task queue \S+ on 127\.0\.0\.1:/m);
    expect(readFileSync(join(home, LOCK_FILE), 'utf8')).toBe(lock);
    worker.child.kill('SIGTERM');
    expect(await worker.exit).toBe(0);
    expect(readFileSync(join(home, LOCK_FILE), 'utf8')).toBe(lock);
    expect(alive(serverPid)).toBe(true);
    await expectServing(address);

    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
  }, 120_000);
});

describe('help and exit codes', () => {
  test.each(['start', 'worker', 'server'].map((c) => [c, c]))('%s --help and help %s print the usage and exit 0, starting nothing', (command) => {
    for (const args of [[command, '--help'], ['help', command]]) {
      const r = spawnSync(process.execPath, [...cliArgs, ...args], { cwd: repo, env, encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: durable-graph ${command} \\[options\\]`));
      expect(r.stderr).toBe('');
      expect(existsSync(join(home, LOCK_FILE))).toBe(false);
    }
  });

  test('a worker whose TEMPORAL_ADDRESS answers nothing exits 3', async () => {
    const nobody = `127.0.0.1:${await freePort()}`;
    const worker = startCli(['worker'], { TEMPORAL_ADDRESS: nobody });
    expect(await worker.exit).toBe(3);
    expect(worker.stderr()).toContain('durable-graph worker: ');
    expect(existsSync(join(home, LOCK_FILE))).toBe(false);
  });

  test('install-temporal prints only the binary path on stdout', () => {
    const r = spawnSync(process.execPath, [...cliArgs, 'install-temporal'], { cwd: repo, env, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${env.TEMPORAL_CLI_PATH}\n`);
  });
});

describe('encryption at rest', () => {
  const base64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('base64');

  test('a worker given DURABLE_GRAPH_ENCRYPTION_KEYS stores only encrypted payloads, and codec-server decodes them for the Web UI', async () => {
    const k1 = randomBytes(32);
    const keys = { DURABLE_GRAPH_ENCRYPTION_KEYS: JSON.stringify({ currentKeyId: 'k1', keys: { k1: k1.toString('base64') } }) };
    const address = testServerAddress();
    const taskQueue = uniqueTaskQueue('cli-encrypted');
    const worker = startCli(['worker'], { ...keys, TEMPORAL_ADDRESS: address, DURABLE_GRAPH_TASK_QUEUE: taskQueue });
    await waitFor(worker, /^Worker: task queue /m);

    const codec = createEncryptionCodec({ keys: { k1 }, currentKeyId: 'k1' });
    const client = await GraphClient.connect({ address, taskQueue, dataConverter: { payloadCodecs: [codec] } });
    const threadId = uniqueTaskQueue('cli-encrypted-thread');
    try {
      const paused = await client.graph('approvalGate').invoke({ log: ['requested by Zebulon Quartermaine'] }, { configurable: { thread_id: threadId } });
      expect(paused.__interrupt__).toHaveLength(1);
      const stored = await storedPayloads(address, threadId);
      expect(stored.length).toBeGreaterThan(2);
      expect(stored.map((p) => metadataText(p, 'encoding'))).toEqual(stored.map(() => 'binary/encrypted'));

      const port = await freePort();
      const codecServer = startCli(['codec-server', '--port', String(port)], keys);
      await waitFor(codecServer, /^Codec server: http:\/\/127\.0\.0\.1:\d+/m);
      const response = await fetch(`http://127.0.0.1:${port}/decode`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', Origin: 'http://localhost:8233' },
        body: JSON.stringify({ payloads: stored.map((p) => ({ metadata: Object.fromEntries(Object.entries(p.metadata!).map(([k, v]) => [k, base64(v)])), data: base64(p.data) })) }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');
      const { payloads } = (await response.json()) as { payloads: Array<{ data: string }> };
      expect(payloads.map((p) => Buffer.from(p.data, 'base64').toString()).join('\n')).toContain('requested by Zebulon Quartermaine');
      codecServer.child.kill('SIGTERM');
      expect(await codecServer.exit).toBe(0);
    } finally {
      await client.close();
    }
    worker.child.kill('SIGTERM');
    expect(await worker.exit).toBe(0);
  }, 120_000);
});
