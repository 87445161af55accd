import { Context } from '@temporalio/activity';
import type { Ledger } from '../../activities/ledger';

/** Effects that survive a killed worker: every call and every completed effect lands in a file ledger. */
export function createDurabilityActivities(ledger: Ledger) {
  const info = () => Context.current().info;
  const thread = () => info().workflowExecution?.workflowId ?? 'standalone';
  return {
    async reserve(label: string): Promise<string> {
      ledger.record({ key: `reserve:${thread()}:${info().activityId}`, action: 'reserve', details: { label } });
      return `reserved ${label}`;
    },
    async slowEffect(ms: number): Promise<string> {
      ledger.record({ key: `started:${thread()}:${info().activityId}:${info().attempt}`, action: 'slowEffect-started', details: { attempt: info().attempt } });
      await new Promise((r) => setTimeout(r, ms));
      ledger.record({ key: `effect:${thread()}:${info().activityId}`, action: 'slowEffect', details: { ms } });
      return `effect after ${ms} ms`;
    },
  };
}

export type DurabilityActivities = ReturnType<typeof createDurabilityActivities>;
