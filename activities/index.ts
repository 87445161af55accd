// The shipped tools and the LLM activity. Workers register `createActivities(...)`; workflows use
// the types with proxyActivities.
import { createLlmActivities, type LlmConfig } from './llm';
import { createOperationActivities, type OperationsWorld } from './operations';
import { createAgentToolActivities } from './agentTools';
import { fileLedger, memoryLedger } from './ledger';

export * from './llm';
export * from './ledger';
export * from './operations';
export * from './agentTools';

export interface ActivitiesOptions extends Partial<OperationsWorld> {
  llm?: LlmConfig;
}

/** Every shipped activity, for a worker. Without a ledger: LEDGER_FILE when set, else in memory. */
export function createActivities(options: ActivitiesOptions = {}) {
  const ledger = options.ledger ?? (process.env.LEDGER_FILE ? fileLedger(process.env.LEDGER_FILE) : memoryLedger());
  return {
    ...createLlmActivities(options.llm),
    ...createOperationActivities({ ledger, versions: options.versions }),
    ...createAgentToolActivities({ ledger }),
  };
}

export type ShippedActivities = ReturnType<typeof createActivities>;
