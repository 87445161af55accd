import type { Duration } from '@temporalio/common';
import { InvalidArgumentError, Option } from 'commander';
import type { OperatorThread } from '../operatorTransport';
import { durationMsOf } from '../../runtime/duration';
import type { ThreadStatus } from '../../runtime/protocol';
import type { CliCommand } from '../command';
import { addOperatorOptions, operatorHelp, printJson, withTransport, type OperatorOptions } from '../operatorOptions';

const STATUSES: ThreadStatus[] = ['running', 'interrupted', 'idle', 'error'];

/** Lists threads through Temporal visibility: by graph, status, and how long their oldest question waits. */
export const threadsCommand: CliCommand<OperatorOptions & { graph?: string; status?: ThreadStatus; waitingLongerThan?: number }> = {
  name: 'threads',
  summary: 'list threads, e.g. every thread waiting for a human',
  description:
    "Lists the threads whose workflows are running, from Temporal's visibility (search attributes): thread id, graph, " +
    'status, how many requests wait and since when. Visibility follows changes within a second or so.',
  helpAfter: operatorHelp([
    'durable-graph threads --status interrupted',
    "durable-graph threads --graph paymentAgent --waiting-longer-than '2 days'",
    'durable-graph threads --json | jq -r \'.[].threadId\'',
  ]),
  options: (command) =>
    addOperatorOptions(
      command
        .option('--graph <name>', 'only threads of this graph')
        .addOption(new Option('--status <status>', 'only threads with this status').choices(STATUSES))
        .option('--waiting-longer-than <duration>', "only threads whose oldest pending request is older, e.g. '30m', '2 days'", durationArgument),
    ),
  async run({ graph, status, waitingLongerThan, ...options }) {
    const threads = await withTransport(options, (t) => t.listThreads({ graph, status, waitingLongerThan }));
    if (options.json) printJson(threads);
    else printTable(threads);
    return 0;
  },
};

/** A duration in milliseconds; refused as usage when it is none. */
function durationArgument(text: string): number {
  try {
    return durationMsOf(/^\d+$/.test(text) ? Number(text) : (text as Duration), '--waiting-longer-than');
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function printTable(threads: OperatorThread[]): void {
  if (threads.length === 0) {
    console.log('No threads match.');
    return;
  }
  const rows = [
    ['THREAD', 'GRAPH', 'STATUS', 'WAITING', 'WAITING SINCE', 'UPDATED'],
    ...threads.map((t) => [t.threadId, t.graph, t.status, String(t.pendingInterrupts), t.waitingSince?.toISOString() ?? '-', t.updatedAt.toISOString()]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}
