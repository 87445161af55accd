import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLine, isProcessRunning, processStartTime, stopProcess } from './processes';

/** The file in a state folder that names the job using it (JSON, a StateFolderOwner). */
export const LOCK_FILE = 'lock.json';

/** Who uses a state folder: the job's process and the Temporal dev server it started. */
export interface StateFolderOwner {
  /** The job's process: a `durable-graph start`, `server` or `worker`, or a program calling resolveTemporal. */
  pid: number;
  /** Its start time (processStartTime), so that another process given the same pid later is not taken for it. */
  startedAt?: string;
  /** What the job is, for the refusal message, e.g. `durable-graph start`. */
  job: string;
  /** The job's dev server, recorded as soon as it is spawned. */
  server?: { pid: number; address: string };
}

/**
 * Thrown by resolveTemporal({ persistent: true }), so by `durable-graph start`, `server` and
 * `worker` without TEMPORAL_ADDRESS, when a live job already uses the state folder.
 */
export class StateFolderInUseError extends Error {
  readonly code = 'STATE_FOLDER_IN_USE';
  constructor(
    readonly folder: string,
    readonly owner: StateFolderOwner,
  ) {
    super(inUseMessage(folder, owner));
    this.name = 'StateFolderInUseError';
  }
}

function inUseMessage(folder: string, owner: StateFolderOwner): string {
  const address = owner.server?.address;
  return [
    `the state folder ${folder} is in use by pid ${owner.pid} (${owner.job}), ` +
      (address ? `whose Temporal server listens on ${address}.` : 'whose Temporal server is starting.'),
    'One job at a time uses a state folder (its Temporal server, SQLite file and ports). To run another one:',
    `  - use the running server: TEMPORAL_ADDRESS=${address ?? '<its address>'} npx durable-graph worker (or start);`,
    '  - or give it a folder and port of its own: DURABLE_GRAPH_HOME=<another folder> DURABLE_GRAPH_PORT=<a free port>.',
    `If pid ${owner.pid} is not a durable-graph job, remove ${join(folder, LOCK_FILE)}.`,
  ].join('\n');
}

/** A state folder this process holds. */
export interface StateFolderLock {
  readonly file: string;
  /** Records the dev server this job started, so that a later job stops it should this one die without cleanup. */
  recordServer(server: { pid: number; address: string }): void;
  /** Removes the lock file while it still names this job. Also done when the process exits. */
  release(): void;
}

export interface LockStateFolderOptions {
  /** What this job is, shown to a job that is refused; defaults to this process's command line. */
  job?: string;
  log?: (line: string) => void;
  /** How long a stale server gets to exit after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
}

/** Lock files this process holds: one naming our own pid is ours only if it is in here. */
const held = new Set<string>();

/**
 * Takes the state folder for this process, or throws StateFolderInUseError naming the live job that
 * has it. A lock left by a job that is gone is cleared, and the Temporal dev server that job left
 * running is stopped: only then is a server stale, never because another job starts.
 */
export async function lockStateFolder(folder: string, options: LockStateFolderOptions = {}): Promise<StateFolderLock> {
  const log = options.log ?? ((line: string) => console.error(`[durable-graph] ${line}`));
  mkdirSync(folder, { recursive: true });
  const file = join(folder, LOCK_FILE);
  const me: StateFolderOwner = {
    pid: process.pid,
    startedAt: processStartTime(process.pid),
    job: options.job ?? (process.argv.slice(1).join(' ').slice(0, 200) || 'node'),
  };
  // Each round either takes the file, refuses, or clears one stale lock; a few rounds settle any race.
  for (let round = 0; round < 5; round++) {
    if (createExclusive(file, JSON.stringify(me))) return hold(file, me);
    const found = readLock(file);
    if (found === undefined) continue; // released meanwhile
    if (found.owner && isLive(found.owner, file)) throw new StateFolderInUseError(folder, found.owner);
    await clearStaleLock(file, found, log, options.stopTimeoutMs ?? 10_000);
  }
  throw new Error(`could not take ${file}: other processes keep changing it; try again`);
}

function hold(file: string, me: StateFolderOwner): StateFolderLock {
  held.add(file);
  let owner = me;
  const release = () => {
    process.removeListener('exit', release);
    held.delete(file);
    if (readLock(file)?.raw === JSON.stringify(owner)) rmSync(file, { force: true });
  };
  process.once('exit', release);
  return {
    file,
    recordServer(server) {
      if (!held.has(file) || readLock(file)?.raw !== JSON.stringify(owner)) return;
      owner = { ...owner, server };
      replace(file, JSON.stringify(owner));
    },
    release,
  };
}

interface FoundLock {
  /** The file's text, to tell whether it changed since it was read. */
  raw: string;
  /** Undefined when the text is not a lock (a torn or foreign file): then nobody holds the folder. */
  owner?: StateFolderOwner;
}

function readLock(file: string): FoundLock | undefined {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return { raw, owner: parseOwner(raw) };
}

function parseOwner(raw: string): StateFolderOwner | undefined {
  try {
    const value = JSON.parse(raw) as Partial<StateFolderOwner>;
    if (!isPid(value.pid)) return undefined;
    const server = value.server && isPid(value.server.pid) && typeof value.server.address === 'string' ? value.server : undefined;
    const startedAt = typeof value.startedAt === 'string' ? value.startedAt : undefined;
    return { pid: value.pid, startedAt, job: typeof value.job === 'string' ? value.job : 'unknown', server };
  } catch {
    return undefined;
  }
}

function isPid(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** The owner still runs: same pid, and (where start times can be read) the same process, not a later one given its pid. */
function isLive(owner: StateFolderOwner, file: string): boolean {
  if (owner.pid === process.pid) return held.has(file);
  if (!isProcessRunning(owner.pid)) return false;
  const startedAt = processStartTime(owner.pid);
  return owner.startedAt === undefined || startedAt === undefined || startedAt === owner.startedAt;
}

/** Pids get reused: only a `temporal … start-dev` on the recorded port counts as the server a dead job left behind. */
function isRecordedDevServer(server: { pid: number; address: string }): boolean {
  const cmd = commandLine(server.pid);
  const port = server.address.slice(server.address.lastIndexOf(':') + 1);
  return cmd !== undefined && /temporal/.test(cmd) && /\bstart-dev\b/.test(cmd) && cmd.includes(`--port ${port}`);
}

async function clearStaleLock(file: string, found: FoundLock, log: (line: string) => void, stopTimeoutMs: number): Promise<void> {
  const server = found.owner?.server;
  // The server goes first: once the lock is gone, the next job starts its own on the same port and SQLite file.
  if (server && isProcessRunning(server.pid) && isRecordedDevServer(server)) {
    log(`stopping a Temporal dev server left running by an earlier run (pid ${server.pid}; its job, pid ${found.owner!.pid}, is gone)`);
    await stopProcess(server.pid, stopTimeoutMs);
  }
  // Rename, then check that what moved is the stale lock we read: a plain remove could delete a lock
  // another job took in between.
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // another job cleared it
    throw err;
  }
  if (readFileSync(aside, 'utf8') !== found.raw) {
    // A live lock: put it back. If yet another job took the name meanwhile, that one keeps it.
    try {
      linkSync(aside, file);
    } catch {
      /* taken again */
    }
  }
  rmSync(aside, { force: true });
}

/** Creates `file` with `content` unless it exists, atomically: a reader never sees it half-written. */
function createExclusive(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    return createExclusiveWithoutLinks(file, content);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** For file systems without hard links: exclusive too, with a moment in which the file is still empty. */
function createExclusiveWithoutLinks(file: string, content: string): boolean {
  try {
    writeFileSync(file, content, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function replace(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}
