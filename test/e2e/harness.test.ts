import { Client, Connection } from '@temporalio/client';
import { startTestWorker, testServerAddress, uniqueTaskQueue } from '../helpers/harness';
import { awaitMessage, deliverMessage, waitingQuery } from '../helpers/testWorkflows';

test('a workflow waits for a message on the real server and returns it through a real worker', async () => {
  const w = await startTestWorker();
  const connection = await Connection.connect({ address: testServerAddress() });
  try {
    const client = new Client({ connection });
    const handle = await client.workflow.start(awaitMessage, {
      args: ['hello'],
      taskQueue: w.taskQueue,
      workflowId: uniqueTaskQueue('harness'),
    });
    expect(await handle.query(waitingQuery)).toBe(true);
    await handle.signal(deliverMessage, 'world');
    expect(await handle.result()).toBe('hello, world');
  } finally {
    await connection.close();
    await w.stop();
  }
});
