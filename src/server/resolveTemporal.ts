import { join } from 'node:path';
import { ConnectionSettings, connectionSettingsFromEnv } from './connectionSettings';
import { DevServerOptions, startDevServer } from './devServer';
import { removeServerPid, stopStaleServer, writeServerPid } from './serverPidFile';
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
   * under the state folder, so threads survive a restart (the main job). A server an earlier killed
   * run left behind is stopped first.
   */
  persistent?: boolean;
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
    return { address: server.address, namespace: server.namespace, embedded: true, uiUrl: server.uiUrl, stop: server.stop };
  }
  const port = persistentPort(env);
  const pidFile = join(stateDir(env), 'temporal.pid');
  await stopStaleServer(pidFile, log);
  const server = await startDevServer({
    port,
    uiPort: port + 1000,
    dbFilename: join(stateDir(env), 'temporal.sqlite'),
    ...options,
    log,
    resolve: { env, log, ...options.resolve },
  });
  writeServerPid(pidFile, server.pid);
  const stop = async () => {
    await server.stop();
    removeServerPid(pidFile, server.pid);
  };
  return { address: server.address, namespace: server.namespace, embedded: true, uiUrl: server.uiUrl, stop };
}
