import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DevServer, freePort, startDevServer } from '../../src/server/devServer';
import { resolveTemporalBinary } from '../../src/server/temporalBinary';

const { IndexedValueType } = temporal.api.enums.v1;
const silent = () => undefined;

let root: string;
const servers: DevServer[] = [];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dg-devserver-'));
});
afterEach(async () => {
  // A failed assertion must not leave a server behind.
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  rmSync(root, { recursive: true, force: true });
});

async function start(options: Parameters<typeof startDevServer>[0] = {}): Promise<DevServer> {
  const server = await startDevServer({ log: silent, ...options });
  servers.push(server);
  return server;
}

function expectGone(pid: number): void {
  expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
}

test('a dev server serves the namespace with the durable-graph search attributes, and stop leaves no process', async () => {
  const server = await start();
  const connection = await Connection.connect({ address: server.address });
  try {
    const { namespaceInfo } = await connection.workflowService.describeNamespace({ namespace: server.namespace });
    expect(namespaceInfo?.name).toBe('default');
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: server.namespace });
    expect(customAttributes).toMatchObject({
      DurableGraphName: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      DurableGraphStatus: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      DurableGraphPendingInterrupts: IndexedValueType.INDEXED_VALUE_TYPE_INT,
    });
  } finally {
    await connection.close();
  }
  await server.stop();
  expectGone(server.pid);
});

test('a server with a SQLite file keeps a started workflow across a stop and a start', async () => {
  const options = { port: await freePort(), dbFilename: join(root, 'temporal.sqlite') };
  const workflowId = `persist-${Date.now().toString(36)}`;

  const first = await start(options);
  const connection = await Connection.connect({ address: first.address });
  try {
    // No worker: a started workflow is recorded whether or not anything polls its task queue.
    await new Client({ connection }).workflow.start('awaitMessage', { args: ['hello'], taskQueue: 'no-worker', workflowId });
  } finally {
    await connection.close();
  }
  await first.stop();
  expectGone(first.pid);

  const second = await start(options);
  const reconnected = await Connection.connect({ address: second.address });
  try {
    const description = await new Client({ connection: reconnected }).workflow.getHandle(workflowId).describe();
    expect(description.type).toBe('awaitMessage');
    expect(description.status.name).toBe('RUNNING');
  } finally {
    await reconnected.close();
  }
});

test('a dev server that exits because another process took one of its ports is started again', async () => {
  const real = (await resolveTemporalBinary({ log: silent })).path;
  const marker = join(root, 'failed-once');
  const flaky = join(root, 'flaky-temporal.sh');
  // The first start fails as the dev server does when a port it picked is taken; the next one runs.
  writeFileSync(
    flaky,
    `#!/bin/sh\nif [ ! -e '${marker}' ]; then touch '${marker}'; echo 'msg="Failed to start gRPC listener" error="listen tcp 127.0.0.1:1: bind: address already in use"' >&2; exit 2; fi\nexec '${real}' "$@"\n`,
  );
  chmodSync(flaky, 0o755);
  const lines: string[] = [];
  const server = await start({ executable: flaky, log: (line) => lines.push(line) });
  expect(existsSync(marker)).toBe(true);
  expect(lines.some((l) => l.includes('found a port taken (1 of 3)'))).toBe(true);
  const connection = await Connection.connect({ address: server.address });
  await connection.workflowService.describeNamespace({ namespace: 'default' });
  await connection.close();
});
