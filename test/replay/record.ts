// Records one paused and one finished history per shipped graph into test/replay/histories/.
// Run after adding a graph (`npm run record-histories`; `npx ts-node --transpile-only test/replay/record.ts
// <graph>...` records only the graphs named); never re-record to make a replay failure go away.
// `--into <folder>` records into histories/<folder>/ instead: a new generation of histories (say,
// threads started by a newer client) kept beside the older ones, which must still replay.
// Agents talk to a scripted model server answering by their scenario's rules.
import { mkdirSync, writeFileSync } from 'node:fs';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { join } from 'node:path';
import { createActivities, memoryLedger } from '../../activities';
import { GraphClient } from '../../src';
import { startScriptedModel } from '../../src/testing';
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
  const answering = scenario.answeredBy ? client.withIdentity(scenario.answeredBy).graph(scenario.graph) : graph;
  for (const step of scenario.steps) {
    if (step && 'updateState' in step) await answering.updateState(config, step.updateState, { asNode: step.asNode });
    else await answering.invoke(step, config);
  }
  const state = await graph.getState(config);
  if (state.status !== 'idle' || state.next.length) throw new Error(`${scenario.graph} did not finish: ${JSON.stringify(state.next)}`);
  await save('finished');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const into = args.indexOf('--into');
  const out = join(__dirname, 'histories', into >= 0 ? args[into + 1] : '');
  mkdirSync(out, { recursive: true });
  const only = into >= 0 ? args.filter((_, i) => i !== into && i !== into + 1) : args;
  const chosen = only.length ? scenarios.filter((s) => only.includes(s.graph)) : scenarios;
  const server = await startDevServer();
  const model = await startScriptedModel({ rules: chosen.flatMap((s) => s.model ?? []) });
  const taskQueue = 'record-histories';
  const worker = await createWorker({
    connection: { address: server.address, namespace: 'default' },
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: createActivities({ ledger: memoryLedger(), llm: { apiKey: 'scripted', baseURL: model.url } }),
  });
  const client = await GraphClient.connect({ address: server.address, taskQueue });
  try {
    await worker.runUntil(async () => {
      for (const scenario of chosen) {
        await drive(client, scenario, `replay-${scenario.graph}`, out);
        console.log(`recorded ${scenario.graph}`);
      }
    });
  } finally {
    await client.close();
    await model.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
