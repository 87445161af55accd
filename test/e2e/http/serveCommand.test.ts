// `durable-graph serve`: the HTTP server with a worker over the shipped graphs, as a process.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@langchain/langgraph-sdk';
import { freePort } from '../../../src/server/devServer';
import { testServerAddress, uniqueTaskQueue } from '../../helpers/harness';

const repo = join(__dirname, '..', '..', '..');
const cliArgs = ['-r', 'ts-node/register/transpile-only', join(repo, 'src', 'cli', 'main.ts')];
const children: ChildProcess[] = [];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dg-serve-'));
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function serve(args: string[], env: NodeJS.ProcessEnv) {
  // A cluster's address: serve starts only its worker and the HTTP server, on a task queue of its own.
  const child = spawn(process.execPath, [...cliArgs, 'serve', ...args], {
    cwd: repo,
    env: { ...process.env, TEMPORAL_ADDRESS: testServerAddress(), DURABLE_GRAPH_TASK_QUEUE: uniqueTaskQueue('serve'), DURABLE_GRAPH_API_KEYS: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal!)));
  return { child, exit, stdout: () => stdout, stderr: () => stderr };
}

async function until(check: () => boolean, what: () => string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('serve answers the LangGraph SDK with the keys of the auth file, on --port, and SIGTERM stops it with exit 0', async () => {
  const authFile = join(dir, 'auth.json');
  writeFileSync(authFile, JSON.stringify({ keys: { 'fran-key-0001': { id: 'fran', roles: ['finance'], name: 'Fran' } } }));
  const port = await freePort();
  const cli = serve(['--port', String(port), '--auth-file', authFile], {});
  await until(() => /^HTTP server: /m.test(cli.stdout()) || cli.child.exitCode !== null, () => cli.stdout() + cli.stderr());
  expect(cli.stdout()).toContain(`HTTP server: http://127.0.0.1:${port} (1 API key; graphs approvalGate,`);

  const sdk = new Client({ apiUrl: `http://127.0.0.1:${port}`, apiKey: 'fran-key-0001' });
  expect(await sdk.assistants.search()).toContainEqual(expect.objectContaining({ assistant_id: 'paymentAgent', graph_id: 'paymentAgent' }));
  const thread = await sdk.threads.create({ graphId: 'approvalGate' });
  const paused = (await sdk.runs.wait(thread.thread_id, 'approvalGate', { input: { action: '' } })) as { __interrupt__: unknown[] };
  expect(paused.__interrupt__).toHaveLength(1);
  expect(await (await fetch(`http://127.0.0.1:${port}/me`, { headers: { authorization: 'Bearer fran-key-0001' } })).json()).toEqual({ id: 'fran', roles: ['finance'], name: 'Fran' });

  cli.child.kill('SIGTERM');
  expect(await cli.exit).toBe(0);
});

test('serve without API keys exits 1 naming what to set, and starts nothing', () => {
  const r = spawnSync(process.execPath, [...cliArgs, 'serve'], { cwd: repo, env: { ...process.env, TEMPORAL_ADDRESS: '127.0.0.1:1', DURABLE_GRAPH_API_KEYS: undefined }, encoding: 'utf8' });
  expect([r.status, r.stderr]).toEqual([1, expect.stringContaining('INVALID_API_KEYS: The HTTP server needs API keys: set DURABLE_GRAPH_API_KEYS')]);
});

test('serve on a port that is taken exits 1 saying so', async () => {
  const taken: Server = createServer();
  const port = await new Promise<number>((resolve) => taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)));
  try {
    const cli = serve([], { DURABLE_GRAPH_HTTP_PORT: String(port), DURABLE_GRAPH_API_KEYS: 'k1-secret=alice' });
    expect(await cli.exit).toBe(1);
    expect(cli.stderr()).toContain(`Port ${port} on 127.0.0.1 is taken; choose another with --port or DURABLE_GRAPH_HTTP_PORT`);
  } finally {
    taken.close();
  }
});
