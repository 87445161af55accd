import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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
  const stat = procStat(pid);
  return stat !== undefined && stat[0] === 'Z';
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), from the state on. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * When `pid` started, as an opaque string that only needs to compare equal for the same process:
 * pids get reused, a start time does not. Undefined when it cannot be read.
 */
export function processStartTime(pid: number): string | undefined {
  // Field 22 of /proc/<pid>/stat (the 20th after the command name): clock ticks since boot.
  const ticks = procStat(pid)?.[19];
  if (ticks !== undefined) return ticks;
  // No /proc (macOS): ask ps.
  const r = spawnSync('ps', ['-p', String(pid), '-o', 'lstart='], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/** The process's command line, or undefined when it cannot be read. */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    const r = spawnSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : undefined;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessRunning(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isProcessRunning(pid);
}

/** SIGTERM, then SIGKILL when `pid` has not exited after `timeoutMs`; resolves once it is gone. */
export async function stopProcess(pid: number, timeoutMs = 10_000): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
    if (await waitForExit(pid, timeoutMs)) return;
    process.kill(pid, 'SIGKILL');
  } catch (err) {
    // ESRCH: it exited by itself meanwhile.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
  await waitForExit(pid, 2_000);
}
