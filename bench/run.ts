// Prints medians of durable-graph's round trips against a bare Temporal Update on the same server.
// Run: npm run bench [-- --rounds 30]
import { WithStartWorkflowOperation } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createActivities, memoryLedger } from '../activities';
import { Command, GraphClient } from '../src';
import { startDevServer } from '../src/server/devServer';
import { createWorker } from '../src/worker/createWorker';
import { echo } from './workflows';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 20;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const server = await startDevServer({ log: () => undefined });
  const taskQueue = 'bench';
  const worker = await createWorker({
    connection: { address: server.address, namespace: 'default' },
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities: createActivities({ ledger: memoryLedger() }),
  });
  const client = await GraphClient.connect({ address: server.address, taskQueue });
  try {
    await worker.runUntil(async () => {
      const bare: number[] = [];
      const start: number[] = [];
      const resume: number[] = [];
      const graph = client.graph('approvalGate');
      for (let i = 0; i < rounds; i++) {
        bare.push(
          await timed(() =>
            client.temporal.workflow.executeUpdateWithStart(echo, {
              args: ['hi'],
              startWorkflowOperation: new WithStartWorkflowOperation('bareUpdate', { workflowId: `bare-${i}`, taskQueue, workflowIdConflictPolicy: 'USE_EXISTING' }),
            }),
          ),
        );
        const config = { configurable: { thread_id: `gate-${i}` } };
        start.push(await timed(() => graph.invoke({ action: '' }, config)));
        resume.push(await timed(() => graph.invoke(new Command({ resume: 'approve' }), config)));
      }
      const steps = 500;
      const loopMs: number[] = [];
      for (let i = 0; i < 5; i++) {
        loopMs.push(await timed(() => client.graph('loop').invoke({ target: steps }, { configurable: { thread_id: `loop-${i}` }, recursionLimit: steps + 1 })));
      }
      const base = median(bare);
      console.log(`rounds: ${rounds} (medians, milliseconds; ratios against a bare update-with-start in the same run)`);
      console.log(`bare Temporal update-with-start        ${base.toFixed(1)}`);
      console.log(`invoke: start thread, run to interrupt ${median(start).toFixed(1)}  (${(median(start) / base).toFixed(2)}x)`);
      console.log(`invoke: resume, activity, finish       ${median(resume).toFixed(1)}  (${(median(resume) / base).toFixed(2)}x)`);
      console.log(`${steps}-superstep loop, no activities      ${median(loopMs).toFixed(1)}  (${((median(loopMs) / steps) * 1000).toFixed(0)} µs per superstep)`);
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
