import type { AuditEntry } from '../../client/auditLog';
import type { CliCommand } from '../command';
import { addOperatorOptions, operatorHelp, printJson, withTransport, type OperatorOptions } from '../operatorOptions';

/** Prints a thread's audit log: for people, or as JSON lines for an archive or a SIEM. */
export const auditCommand: CliCommand<OperatorOptions & { thread: string; jsonl?: boolean }> = {
  name: 'audit',
  summary: "print a thread's audit log: every accepted request, who sent it, when, what",
  description:
    "Prints every request the thread accepted, oldest first, with who sent it, when, what it asked and how it ended, read from Temporal's " +
    'history of all the thread\'s runs (no worker needed). Refused requests change nothing and leave no history, so they are not in it.',
  helpAfter: operatorHelp(['durable-graph audit demo-payments', 'durable-graph audit demo-payments --jsonl >> audit.jsonl']),
  options: (command) =>
    addOperatorOptions(
      command
        .argument('<thread>', 'the thread id')
        .option('--jsonl', 'one JSON object per line (at, by, kind, requestId, interruptIds, answer, values, asNode, goto, checkpointId, outcome, runId)'),
    ),
  async run({ thread, jsonl, ...options }) {
    const log = await withTransport(options, (t) => t.auditLog(thread));
    if (options.json) printJson(log);
    else for (const entry of log) console.log(jsonl ? JSON.stringify(entry) : line(entry));
    if (!options.json && !jsonl && log.length === 0) console.log(`Thread "${thread}" has no accepted requests.`);
    return 0;
  },
};

function line(e: AuditEntry): string {
  const ended = e.outcome ? ` -> ${e.outcome.status}${e.outcome.error ? ` (${e.outcome.error.code})` : ''}` : '';
  return `${e.at}  ${e.by.id}  ${what(e)}${ended}`;
}

function what(e: AuditEntry): string {
  const asked = e.interruptIds?.join(', ') ?? 'the pending interrupt';
  switch (e.kind) {
    case 'resume':
      return `answered ${asked}: ${JSON.stringify(e.answer)}`;
    case 'updateState':
      return `updateState${e.asNode ? ` as ${e.asNode}` : ''} ${JSON.stringify(e.values ?? null)}`;
    case 'input':
      return `input ${JSON.stringify(e.values)}`;
    case 'continue':
      return 'continue';
    case 'timeout':
      return `timed out ${asked}: ${e.decision === 'answer' ? 'answered by its onTimeout' : 'the node failed'}`;
    case 'reminder':
      return `reminder ${(e.reminder ?? 0) + 1} of ${asked}`;
    case 'escalation':
      return `escalated ${asked}: now ${JSON.stringify(e.approvers ?? {})}`;
  }
}
