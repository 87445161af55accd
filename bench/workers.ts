// Starts bench workers as child processes and reads their memory from outside.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { WorkerReady, WorkerSpec } from './workerProcess';

export interface WorkerProcess {
  child: ChildProcess;
  maxCachedWorkflows: number;
  stop(): Promise<void>;
}

/** Forks a worker process and waits until it polls its task queue. */
export async function startWorkerProcess(spec: WorkerSpec): Promise<WorkerProcess> {
  const child = fork(require.resolve('./workerProcess'), [], { execArgv: ['-r', 'ts-node/register/transpile-only'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<WorkerReady>((resolve, reject) => {
    child.once('message', (message: WorkerReady) => resolve(message));
    child.once('exit', (code) => reject(new Error(`bench worker exited with ${code} before it was ready`)));
    child.send(spec);
  });
  return {
    child,
    maxCachedWorkflows: ready.maxCachedWorkflows,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

/** Resident memory of the processes, MiB (Linux /proc). */
export function rssMiB(workers: WorkerProcess[]): number {
  return workers.reduce((sum, w) => {
    const status = readFileSync(`/proc/${w.child.pid}/status`, 'utf8');
    const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
    return sum + kib / 1024;
  }, 0);
}
