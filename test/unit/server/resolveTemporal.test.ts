import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as devServer from '../../../src/server/devServer';
import { PortInUseError } from '../../../src/server/ports';
import { persistentPort, resolveTemporal } from '../../../src/server/resolveTemporal';
import { LOCK_FILE } from '../../../src/server/stateFolderLock';

let home: string;
let taken: Server | undefined;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'dg-resolve-'));
});
afterEach(async () => {
  await new Promise((r) => (taken ? taken.close(r) : r(undefined)));
  taken = undefined;
  rmSync(home, { recursive: true, force: true });
  jest.restoreAllMocks();
});

const silent = () => undefined;

/** Listens on a free port, as another program would. */
async function takeAPort(): Promise<number> {
  const server = createServer();
  taken = server;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

test('the persistent port is 7233 unless DURABLE_GRAPH_PORT names another', () => {
  expect(persistentPort({})).toBe(7233);
  expect(persistentPort({ DURABLE_GRAPH_PORT: '17233' })).toBe(17233);
  expect(() => persistentPort({ DURABLE_GRAPH_PORT: 'http' })).toThrow(/DURABLE_GRAPH_PORT=http/);
  expect(() => persistentPort({ DURABLE_GRAPH_PORT: '65000' })).toThrow(/port \+ 1000/);
});

test('a persistent server whose port another program holds is refused with PORT_IN_USE, starts nothing and leaves the state folder free', async () => {
  const start = jest.spyOn(devServer, 'startDevServer');
  const port = await takeAPort();
  const error = await resolveTemporal({ persistent: true, env: { DURABLE_GRAPH_HOME: home, DURABLE_GRAPH_PORT: String(port) }, log: silent }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PortInUseError);
  expect(error).toMatchObject({ code: 'PORT_IN_USE', port });
  expect((error as Error).message).toContain('DURABLE_GRAPH_PORT');
  expect(start).not.toHaveBeenCalled();
  expect(existsSync(join(home, LOCK_FILE))).toBe(false);
});

test('resolveTemporal with TEMPORAL_ADDRESS never touches the state folder', async () => {
  const resolved = await resolveTemporal({ persistent: true, env: { TEMPORAL_ADDRESS: 'temporal.example:7233', DURABLE_GRAPH_HOME: home }, log: silent });
  expect(resolved.embedded).toBe(false);
  expect(existsSync(join(home, LOCK_FILE))).toBe(false);
  await resolved.stop();
});
