import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { DURABLE_GRAPH_SEARCH_ATTRIBUTES, SEARCH_ATTRIBUTE_TYPE_NAMES } from '../client/namespaceSetup';
import { resolveTemporalBinary, ResolveBinaryOptions } from './temporalBinary';

export interface DevServerOptions {
  /** gRPC port; a free one when omitted. */
  port?: number;
  /** Web UI port; the UI is off when omitted. */
  uiPort?: number;
  /** SQLite file that keeps workflows across restarts; in memory when omitted. */
  dbFilename?: string;
  /** Extra `start-dev` flags, e.g. `--dynamic-config-value limit.historyCount.suggestContinueAsNew=40`. */
  extraArgs?: string[];
  /** Path to the `temporal` binary; resolved (and installed if needed) when omitted. */
  executable?: string;
  namespace?: string;
  log?: (line: string) => void;
  resolve?: ResolveBinaryOptions;
  /** How long to wait for the server to answer. */
  startTimeoutMs?: number;
  /** Called with the server's pid as soon as it is spawned, before it serves (to record it). */
  onSpawn?: (pid: number) => void;
}

export interface DevServer {
  address: string;
  namespace: string;
  uiUrl?: string;
  pid: number;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and resolves when it has exited. */
  stop(): Promise<void>;
}

/** Thrown by startDevServer when the server exits or does not answer in time; the message has its last log lines. */
export class DevServerStartError extends Error {
  readonly code = 'TEMPORAL_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'DevServerStartError';
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(address: string, namespace: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`temporal dev server exited with code ${child.exitCode} before serving`);
    try {
      const conn = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await conn.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await conn.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`temporal dev server did not answer on ${address} within ${timeoutMs} ms: ${String(lastError)}`);
}

/** Attempts at starting the dev server when a port it picked was taken meanwhile. */
const START_ATTEMPTS = 3;

/**
 * Starts `temporal server start-dev` with durable-graph's search attributes registered. The dev
 * server picks free ports for its internal services itself; when another process takes one first
 * ("address already in use") it exits at once, and it is started again (a free gRPC port is picked
 * again too, unless one was given).
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const log = options.log ?? ((line: string) => console.error(`[durable-graph] ${line}`));
  const executable = options.executable ?? (await resolveTemporalBinary({ log, ...options.resolve })).path;
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(executable, options, log);
    } catch (err) {
      if (!(err instanceof DevServerStartError) || !/address already in use/.test(err.message) || attempt >= START_ATTEMPTS) throw err;
      log(`the dev server found a port taken (${attempt} of ${START_ATTEMPTS}); starting it again`);
    }
  }
}

async function launch(executable: string, options: DevServerOptions, log: (line: string) => void): Promise<DevServer> {
  const port = options.port ?? (await freePort());
  const namespace = options.namespace ?? 'default';
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error'];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort), '--ui-disable-news-fetch');
  else args.push('--headless');
  if (options.dbFilename) {
    mkdirSync(dirname(options.dbFilename), { recursive: true });
    args.push('--db-filename', options.dbFilename);
  }
  if (namespace !== 'default') args.push('--namespace', namespace);
  // Registered on every namespace the dev server creates, so it needs no setup-namespace.
  for (const key of DURABLE_GRAPH_SEARCH_ATTRIBUTES) args.push('--search-attribute', `${key.name}=${SEARCH_ATTRIBUTE_TYPE_NAMES[key.type]}`);
  args.push(...(options.extraArgs ?? []));

  const address = `127.0.0.1:${port}`;
  const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.pid !== undefined) options.onSpawn?.(child.pid);
  // A parent that exits without calling stop() still takes its server down with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitUntilServing(address, namespace, child, options.startTimeoutMs ?? 60_000);
  } catch (err) {
    await stop();
    throw new DevServerStartError(`${(err as Error).message}\n${stderr.trim()}`);
  }
  const uiUrl = options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined;
  log(`Temporal dev server ${address} (pid ${child.pid})${uiUrl ? `, Web UI ${uiUrl}` : ''}`);
  return { address, namespace, uiUrl, pid: child.pid!, stop };
}
