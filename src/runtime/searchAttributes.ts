import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Custom search attributes every thread publishes, so visibility queries find waiting threads. A
 * namespace needs them registered: src/client/namespaceSetup.ts lists them for setup and checks.
 */
export const GRAPH_NAME = defineSearchAttributeKey('DurableGraphName', 'KEYWORD');
export const THREAD_STATUS = defineSearchAttributeKey('DurableGraphStatus', 'KEYWORD');
export const PENDING_INTERRUPTS = defineSearchAttributeKey('DurableGraphPendingInterrupts', 'INT');
/** When the thread's oldest pending interrupt was raised; unset while nothing waits. For `waitingLongerThan`. */
export const WAITING_SINCE = defineSearchAttributeKey('DurableGraphWaitingSince', 'DATETIME');
