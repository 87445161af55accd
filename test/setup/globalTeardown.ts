import type { DevServer } from '../../src/server/devServer';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __dgServer?: DevServer }).__dgServer;
  if (!server) return;
  await server.stop();
  try {
    process.kill(server.pid, 0);
    throw new Error(`Temporal dev server (pid ${server.pid}) is still running after the tests`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}
