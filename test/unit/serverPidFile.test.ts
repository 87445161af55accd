import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { persistentPort } from '../../src/server/resolveTemporal';
import { removeServerPid, stopStaleServer, writeServerPid } from '../../src/server/serverPidFile';

let root: string;
let pidFile: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dg-pid-'));
  pidFile = join(root, 'temporal.pid');
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

const silent = () => undefined;

/** A stand-in whose command line reads `…/temporal server start-dev`, like the real leftover server. */
function fakeDevServer(onTerm: 'exit' | 'ignore' = 'exit'): ChildProcess {
  const script = join(root, 'temporal');
  const trap = onTerm === 'exit' ? `trap 'kill $! 2>/dev/null; exit 0' TERM` : `trap '' TERM`;
  writeFileSync(script, `#!/bin/sh\n${trap}\nwhile true; do sleep 1 & wait $!; done\n`);
  chmodSync(script, 0o755);
  return track(spawn(script, ['server', 'start-dev'], { stdio: 'ignore' }));
}

function track(child: ChildProcess): ChildProcess {
  children.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/** The shell needs a moment before its trap is set. */
const settle = () => new Promise((r) => setTimeout(r, 200));

test('a live temporal dev server named by the pid file is stopped and the file removed', async () => {
  const server = fakeDevServer();
  await settle();
  writeServerPid(pidFile, server.pid!);
  const lines: string[] = [];
  expect(await stopStaleServer(pidFile, (l) => lines.push(l))).toBe(server.pid);
  await exited(server);
  expect(server.signalCode ?? server.exitCode).toBe(0);
  expect(lines.join('\n')).toContain(`pid ${server.pid}`);
  expect(existsSync(pidFile)).toBe(false);
});

test('a server that ignores SIGTERM is killed after the timeout', async () => {
  const server = fakeDevServer('ignore');
  await settle();
  writeServerPid(pidFile, server.pid!);
  expect(await stopStaleServer(pidFile, silent, 300)).toBe(server.pid);
  await exited(server);
  expect(server.signalCode).toBe('SIGKILL');
});

test('a live process that is not a temporal dev server is left alone (its pid was reused)', async () => {
  const other = track(spawn('sleep', ['30'], { stdio: 'ignore' }));
  writeServerPid(pidFile, other.pid!);
  expect(await stopStaleServer(pidFile, silent)).toBeUndefined();
  expect(() => process.kill(other.pid!, 0)).not.toThrow();
  expect(existsSync(pidFile)).toBe(false);
});

test('a pid file naming a process that is gone is removed without complaint', async () => {
  const gone = spawn('true');
  await exited(gone);
  writeServerPid(pidFile, gone.pid!);
  expect(await stopStaleServer(pidFile, silent)).toBeUndefined();
  expect(existsSync(pidFile)).toBe(false);
});

test('without a pid file there is nothing to stop', async () => {
  expect(await stopStaleServer(pidFile, silent)).toBeUndefined();
});

test('a server removes the pid file only while the file still names it', () => {
  writeServerPid(pidFile, 111);
  removeServerPid(pidFile, 222);
  expect(existsSync(pidFile)).toBe(true);
  removeServerPid(pidFile, 111);
  expect(existsSync(pidFile)).toBe(false);
});

test('the persistent port is 7233 unless DURABLE_GRAPH_PORT names another', () => {
  expect(persistentPort({})).toBe(7233);
  expect(persistentPort({ DURABLE_GRAPH_PORT: '17233' })).toBe(17233);
  expect(() => persistentPort({ DURABLE_GRAPH_PORT: 'http' })).toThrow(/DURABLE_GRAPH_PORT=http/);
  expect(() => persistentPort({ DURABLE_GRAPH_PORT: '65000' })).toThrow(/port \+ 1000/);
});
