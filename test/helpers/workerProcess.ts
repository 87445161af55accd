// A test worker in its own process, so a test can SIGKILL it. Args: <address> <taskQueue> <ledgerFile>.
import { Context } from '@temporalio/activity';
import { fileLedger } from '../../activities/ledger';
import { createDurabilityActivities } from './durabilityActivities';
import { startTestWorker } from './harness';
import { createActivities } from '../../activities';

async function main(): Promise<void> {
  const [address, taskQueue, ledgerFile] = process.argv.slice(2);
  const ledger = fileLedger(ledgerFile);
  const shipped = createActivities({ ledger });
  const holdAfterPay = Number(process.env.HOLD_AFTER_PAY_MS ?? 0);
  await startTestWorker({
    address,
    taskQueue,
    activities: {
      ...shipped,
      ...createDurabilityActivities(ledger),
      // Every attempt is noted; with HOLD_AFTER_PAY_MS the worker sits on a done payment before
      // reporting it, which is when a test kills it.
      async pay(...args: Parameters<typeof shipped.pay>) {
        const { workflowExecution, activityId, attempt } = Context.current().info;
        ledger.record({ key: `attempt:${workflowExecution?.workflowId}:${activityId}:${attempt}`, action: 'pay-attempt', details: {} });
        const receipt = await shipped.pay(...args);
        await new Promise((r) => setTimeout(r, holdAfterPay));
        return receipt;
      },
    },
  });
  console.log('worker ready');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
