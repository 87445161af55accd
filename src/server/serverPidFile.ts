import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The persistent server records its pid here, so that a main job killed without cleanup (SIGKILL,
 * a crash) does not leave a server holding the fixed ports and the SQLite file for the next start.
 */
export function writeServerPid(pidFile: string, pid: number): void {
  mkdirSync(dirname(pidFile), { recursive: true });
  writeFileSync(pidFile, `${pid}\n`);
}

/** Removes the pid file, but only while it still names `pid` (a newer server may own it by now). */
export function removeServerPid(pidFile: string, pid: number): void {
  if (readPid(pidFile) === pid) rmSync(pidFile, { force: true });
}

function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** True while `pid` runs; an exited process nobody has reaped yet (a zombie) counts as gone. */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** An exited process its parent has not reaped yet still answers kill(pid, 0). */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** The process's command line, or undefined when it cannot be read. */
function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    // No /proc (macOS): ask ps.
    const r = spawnSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : undefined;
  }
}

/** Pids get reused: only a process that really is a `temporal … start-dev` counts as our leftover server. */
function isTemporalDevServer(pid: number): boolean {
  const cmd = commandLine(pid);
  return cmd !== undefined && /temporal/.test(cmd) && /\bstart-dev\b/.test(cmd);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessRunning(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isProcessRunning(pid);
}

/**
 * Stops the server a previous main job left running, if the pid file names a live `temporal` dev
 * server (SIGTERM, then SIGKILL after `timeoutMs`). Returns its pid when one was stopped. The pid
 * file is removed in every case, since whatever it named is gone or not ours.
 */
export async function stopStaleServer(
  pidFile: string,
  log: (line: string) => void,
  timeoutMs = 10_000,
): Promise<number | undefined> {
  const pid = readPid(pidFile);
  rmSync(pidFile, { force: true });
  if (pid === undefined || pid === process.pid || !isProcessRunning(pid) || !isTemporalDevServer(pid)) return undefined;
  log(`stopping a Temporal dev server left running by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGTERM');
  if (!(await waitForExit(pid, timeoutMs))) {
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 2_000);
  }
  return pid;
}
