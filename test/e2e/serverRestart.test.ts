import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from '../../src';
import { freePort, startDevServer } from '../../src/server/devServer';
import { startGraphTest } from '../helpers/harness';

test('threads waiting on a file-backed dev server survive its restart and finish when resumed', async () => {
  const dbFilename = join(mkdtempSync(join(tmpdir(), 'restart-')), 'temporal.sqlite');
  const port = await freePort();
  const serverOptions = { port, dbFilename, log: () => undefined };
  let server = await startDevServer(serverOptions);
  let env = await startGraphTest({ address: server.address });
  const taskQueue = env.taskQueue;
  const threads = [env.threadId('restart-a'), env.threadId('restart-b'), env.threadId('restart-c')];
  for (const threadId of threads) {
    const paused = await env.client.graph('approvalGate').invoke({ action: '' }, env.config(threadId));
    expect(paused.__interrupt__).toHaveLength(1);
  }
  await env.stop();
  await server.stop();

  server = await startDevServer(serverOptions);
  try {
    env = await startGraphTest({ address: server.address, taskQueue });
    for (const threadId of threads) {
      expect((await env.client.graph('approvalGate').getState(env.config(threadId))).status).toBe('interrupted');
      const done = await env.client.graph('approvalGate').invoke(new Command({ resume: 'approve' }), env.config(threadId));
      expect(done.log).toEqual(['done: Delete 1,432 inactive user accounts']);
      expect(env.effects(threadId)).toHaveLength(1);
    }
    await env.stop();
  } finally {
    await server.stop();
  }
}, 120_000);
