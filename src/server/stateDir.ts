import { join } from 'node:path';

/** Project-local folder for the Temporal binary cache and the main job's SQLite file. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DURABLE_GRAPH_HOME ?? join(process.cwd(), '.durable-graph');
}
