import { join } from 'node:path';
import { ConnectionSettings, connectionSettingsFromEnv } from './connectionSettings';
import { DevServerOptions, startDevServer } from './devServer';
import { stateDir } from './stateDir';

export interface ResolvedTemporal extends ConnectionSettings {
  /** True when this process started the server (and `stop` stops it). */
  embedded: boolean;
  uiUrl?: string;
  stop(): Promise<void>;
}

export interface ResolveTemporalOptions extends DevServerOptions {
  env?: NodeJS.ProcessEnv;
  /** Fixed ports and a SQLite file under the state folder, so threads survive a restart (the main job). */
  persistent?: boolean;
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
  const persistent = options.persistent
    ? { port: 7233, uiPort: 8233, dbFilename: join(stateDir(env), 'temporal.sqlite') }
    : {};
  const server = await startDevServer({ ...persistent, ...options, log, resolve: { env, log, ...options.resolve } });
  return { address: server.address, namespace: server.namespace, embedded: true, uiUrl: server.uiUrl, stop: server.stop };
}
