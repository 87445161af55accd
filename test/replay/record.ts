// Records one paused and one finished history per shipped graph into test/replay/histories/.
// Run after adding a graph (`npm run record-histories`); never re-record to make a replay failure go away.
import { writeFileSync } from 'node:fs';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { join } from 'node:path';
import { createActivities, memoryLedger } from '../../activities';
import { GraphClient } from '../../src';
import { startDevServer } from '../../src/server/devServer';
import { createWorker } from '../../src/worker/createWorker';
import { Scenario, scenarios } from './scenarios';

async function drive(client: GraphClient, scenario: Scenario, threadId: string, out: string): Promise<void> {
  const graph = client.graph(scenario.graph);
  const config = { configurable: { thread_id: threadId } };
  const save = async (name: string) => {
    const history = await client.temporal.workflow.getHandle(threadId).fetchHistory();
    writeFileSync(join(out, `${scenario.graph}-${name}.json`), historyToJSON(history));
  };
  await graph.invoke(scenario.input, config);
  await save('paused');
  for (const step of scenario.steps) {
    if (step && 'updateState' in step) await graph.updateState(config, step.updateState, { asNode: step.asNode });
    else await graph.invoke(step, config);
  }
  const state = await graph.getState(config);
  if (state.status !== 'idle' || state.next.length) throw new Error(`${scenario.graph} did not finish: ${JSON.stringify(state.next)}`);
  await save('finished');
}

async function main(): Promise<void> {
  const out = join(__dirname, 'histories');
  const server = await startDevServer();
  const taskQueue = 'record-histories';
  const worker = await createWorker({
    connection: { address: server.address, namespace: 'default' },
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: createActivities({ ledger: memoryLedger() }),
  });
  const client = await GraphClient.connect({ address: server.address, taskQueue });
  try {
    await worker.runUntil(async () => {
      for (const scenario of scenarios) {
        await drive(client, scenario, `replay-${scenario.graph}`, out);
        console.log(`recorded ${scenario.graph}`);
      }
    });
  } finally {
    await client.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
