import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** durable-graph's version from its package.json, found by walking up (src/cli when run with ts-node, dist/src/cli when built). */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'durable-graph' && pkg.version) return pkg.version;
    }
    if (dirname(dir) === dir) throw new Error(`durable-graph's package.json not found above ${from}`);
  }
}
