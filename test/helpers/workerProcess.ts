// A test worker in its own process, so a test can SIGKILL it. Args: <address> <taskQueue> <ledgerFile>.
import { fileLedger } from '../../activities/ledger';
import { createDurabilityActivities } from './durabilityActivities';
import { startTestWorker } from './harness';
import { createActivities } from '../../activities';

async function main(): Promise<void> {
  const [address, taskQueue, ledgerFile] = process.argv.slice(2);
  const ledger = fileLedger(ledgerFile);
  await startTestWorker({
    address,
    taskQueue,
    activities: { ...createActivities({ ledger }), ...createDurabilityActivities(ledger) },
  });
  console.log('worker ready');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
