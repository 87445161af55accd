import { InvalidArgumentError } from 'commander';
import type { CliCommand } from '../command';
import { addOperatorOptions, operatorHelp, printJson, withTransport, type OperatorOptions } from '../operatorOptions';

/** Lists a thread's checkpoints, newest first, as getStateHistory returns them. */
export const historyCommand: CliCommand<OperatorOptions & { thread: string; limit?: number }> = {
  name: 'history',
  summary: "list a thread's checkpoints, newest first (getStateHistory)",
  description:
    'Lists the checkpoints of the thread, newest first: checkpoint id, step, what wrote it (input, loop, update, fork), the nodes next ' +
    'and when. --json prints the snapshots themselves. A past checkpoint id forks the thread from there (invoke with configurable.checkpoint_id).',
  helpAfter: operatorHelp(['durable-graph history demo-payments --limit 5', "durable-graph history demo-payments --json | jq -r '.[].config.configurable.checkpoint_id'"]),
  options: (command) =>
    addOperatorOptions(command.argument('<thread>', 'the thread id').option('--limit <n>', 'at most this many checkpoints', positiveInteger)),
  async run({ thread, limit, ...options }) {
    const history = await withTransport(options, (t) => t.getStateHistory(thread, limit));
    if (options.json) printJson(history);
    else if (history.length === 0) console.log(`Thread "${thread}" has no checkpoints.`);
    else {
      for (const s of history) {
        const writes = s.metadata.writes ? ` writes ${Object.keys(s.metadata.writes).join(', ')}` : '';
        console.log(`${s.config.configurable.checkpoint_id}  step ${s.metadata.step}  ${s.metadata.source}${writes}  next ${s.next.join(', ') || '-'}  ${s.createdAt}`);
      }
    }
    return 0;
  },
};

function positiveInteger(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('--limit must be a whole number of at least 1');
  return n;
}
