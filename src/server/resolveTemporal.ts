import { join } from 'node:path';
import { ConnectionSettings, connectionSettingsFromEnv } from '../client/connectionSettings';
import { DevServer, DevServerOptions, startDevServer } from './devServer';
import { isPortFree, PortInUseError } from './ports';
import { lockStateFolder } from './stateFolderLock';
import { stateDir } from './stateDir';

export interface ResolvedTemporal extends ConnectionSettings {
  /** True when this process started the server (and `stop` stops it). */
  embedded: boolean;
  uiUrl?: string;
  stop(): Promise<void>;
}

export interface ResolveTemporalOptions extends DevServerOptions {
  env?: NodeJS.ProcessEnv;
  /**
   * Fixed ports (7233, Web UI 8233; DURABLE_GRAPH_PORT overrides, UI on port + 1000) and a SQLite file
   * under the state folder, so threads survive a restart (the main job). One job at a time uses a
   * state folder: while another live job has it, this throws StateFolderInUseError naming that job's
   * pid; a server that a job which is gone left running is stopped first.
   */
  persistent?: boolean;
  /** What this job is, named to a second job that is refused the state folder (e.g. `durable-graph start`). */
  job?: string;
}

/** The persistent server's gRPC port: DURABLE_GRAPH_PORT, else Temporal's usual 7233. */
export function persistentPort(env: NodeJS.ProcessEnv): number {
  const raw = env.DURABLE_GRAPH_PORT;
  if (raw === undefined || raw === '') return 7233;
  const port = Number(raw);
  // The UI takes port + 1000, so that must be a valid port too.
  if (!Number.isInteger(port) || port < 1 || port + 1000 > 65535) {
    throw new Error(`DURABLE_GRAPH_PORT=${raw} is not a usable port (an integer from 1 to 64535; the Web UI uses port + 1000)`);
  }
  return port;
}

/** Connects to TEMPORAL_ADDRESS when set; otherwise starts the embedded dev server. */
export async function resolveTemporal(options: ResolveTemporalOptions = {}): Promise<ResolvedTemporal> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.error(`[durable-graph] ${line}`));
  const remote = connectionSettingsFromEnv(env);
  if (remote) {
    log(`using Temporal at ${remote.address} (namespace ${remote.namespace}) from TEMPORAL_ADDRESS`);
    return { ...remote, embedded: false, stop: async () => undefined };
  }
  if (!options.persistent) {
    const server = await startDevServer({ ...options, log, resolve: { env, log, ...options.resolve } });
    return { address: server.address, namespace: server.namespace, embedded: true, uiUrl: server.uiUrl, stop: () => server.stop() };
  }
  const port = options.port ?? persistentPort(env);
  const uiPort = options.uiPort ?? port + 1000;
  const folder = stateDir(env);
  const lock = await lockStateFolder(folder, { job: options.job, log });
  let server: DevServer;
  try {
    await ensurePortFree(port, `the embedded Temporal server. Set DURABLE_GRAPH_PORT to a free port, or TEMPORAL_ADDRESS=127.0.0.1:${port} if a Temporal server listens there`);
    await ensurePortFree(uiPort, `its Web UI (DURABLE_GRAPH_PORT + 1000). Set DURABLE_GRAPH_PORT to a port whose port + 1000 is free too`);
    server = await startDevServer({
      dbFilename: join(folder, 'temporal.sqlite'),
      ...options,
      port,
      uiPort,
      onSpawn: (pid) => {
        lock.recordServer({ pid, address: `127.0.0.1:${port}` });
        options.onSpawn?.(pid);
      },
      log,
      resolve: { env, log, ...options.resolve },
    });
  } catch (err) {
    lock.release();
    throw err;
  }
  const stop = async () => {
    await server.stop();
    lock.release();
  };
  return { address: server.address, namespace: server.namespace, embedded: true, uiUrl: server.uiUrl, stop };
}

/** A clear refusal beats a dev server that exits with a bind error. */
async function ensurePortFree(port: number, forWhatAndFix: string): Promise<void> {
  if (!(await isPortFree(port))) throw new PortInUseError(port, `port ${port} is in use by another process; it is for ${forWhatAndFix}.`);
}
