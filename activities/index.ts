// The shipped tools, plus the model call from src/llm/. Workers register `createActivities(...)`;
// workflows use the types with proxyActivities.
import { createLlmActivities } from '../src/llm/activity';
import type { LlmConfig } from '../src/llm/settings';
import { createOperationActivities, type OperationsWorld } from './operations';
import { createAgentToolActivities } from './agentTools';
import { fileLedger, memoryLedger } from './ledger';

export * from './ledger';
export * from './operations';
export * from './agentTools';

export interface ActivitiesOptions extends Partial<OperationsWorld> {
  /** Model settings for `callModel` (see createLlmActivities). */
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
