import { proxyActivities } from '@temporalio/workflow';
import { z } from 'zod/v4';
import { createReactAgent, graphWorkflow, tool } from '../src/workflow';
import type { ShippedActivities } from '../activities';

const { countRecords, deleteRecords } = proxyActivities<ShippedActivities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 3 } });

// One `column = literal` comparison: a number, or a quoted string.
const NARROW_WHERE = /^\s*[A-Za-z_][A-Za-z0-9_.]*\s*=\s*('[^']*'|-?\d+(\.\d+)?)\s*$/;

/**
 * A delete runs without asking only when its where clause is a single `column = literal`
 * comparison (`id = 42`, `email = 'a@b.c'`). Anything else is broad and waits for a human: an
 * empty clause, `*`, tautologies such as `1=1`, ranges, LIKE, OR, AND.
 */
export function isNarrowWhere(where: string): boolean {
  return NARROW_WHERE.test(where);
}

/** Counts records (read-only: runs without asking). */
export const countRecordsTool = tool({
  name: 'count_records',
  description: 'Count the records of a table, optionally matching a SQL where clause.',
  schema: z.object({ table: z.string().min(1), where: z.string().optional() }),
  execute: (request) => countRecords(request),
});

/** Deletes records; a broad condition waits for a human. */
export const deleteRecordsTool = tool({
  name: 'delete_records',
  description: "Delete the records of a table matching a SQL where clause (e.g. \"id = 42\"). Broad conditions need a human's approval.",
  schema: z.object({ table: z.string().min(1), where: z.string() }),
  execute: (request, { toolCallId }) => deleteRecords(request, { toolCallId }),
});

/** A database assistant: counts freely, deletes narrowly, asks before a broad delete. */
export const recordsAgentGraph = createReactAgent({
  tools: [countRecordsTool, deleteRecordsTool],
  prompt: 'You manage the database. Count before deleting; prefer the narrowest where clause.',
  approval: {
    delete_records: {
      when: (r: { where: string }) => !isNarrowWhere(r.where),
      description: (r: { table: string; where: string }) =>
        `Delete from ${r.table} where ${r.where.trim() || '(no condition: every record)'}? ` +
        'The condition is broad (not a single column = value), so a human must approve.',
    },
  },
});

export const recordsAgent = graphWorkflow(recordsAgentGraph);
