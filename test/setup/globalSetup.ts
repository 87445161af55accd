import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflows } from '../../src/worker/createWorker';
import { startDevServer } from '../../src/server/devServer';

/** One real Temporal dev server and one workflow bundle for the whole test run. */
export default async function globalSetup(): Promise<void> {
  const server = await startDevServer({ log: () => undefined });
  const dir = mkdtempSync(join(tmpdir(), 'durable-graph-test-'));
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, (await bundleWorkflows(require.resolve('../helpers/workflows'))).code);
  process.env.DG_TEST_ADDRESS = server.address;
  process.env.DG_TEST_BUNDLE = bundlePath;
  (globalThis as { __dgServer?: typeof server }).__dgServer = server;
}
