import { defineSearchAttributeKey } from '@temporalio/common';

/** Custom search attributes every thread publishes, so visibility queries find waiting threads. */
export const GRAPH_NAME = defineSearchAttributeKey('DurableGraphName', 'KEYWORD');
export const THREAD_STATUS = defineSearchAttributeKey('DurableGraphStatus', 'KEYWORD');
export const PENDING_INTERRUPTS = defineSearchAttributeKey('DurableGraphPendingInterrupts', 'INT');

/** Their registration flags for `temporal server start-dev --search-attribute`. */
export const SEARCH_ATTRIBUTE_FLAGS: Record<string, 'Keyword' | 'Int'> = {
  [GRAPH_NAME.name]: 'Keyword',
  [THREAD_STATUS.name]: 'Keyword',
  [PENDING_INTERRUPTS.name]: 'Int',
};
