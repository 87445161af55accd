import { reviewRequestOf, type RequestShape, type ReviewVerb } from '../../agent/reviewVerbs';
import type { Approval, StateSnapshot, ThreadStatus } from '../../runtime/protocol';
import type { Approvers } from '../../engine/identity';
import type { CliCommand } from '../command';
import { addOperatorOptions, operatorHelp, printJson, withTransport, type OperatorOptions } from '../operatorOptions';
import type { PendingRequest } from '../pendingRequest';
import { requestLines } from '../requestText';

/** `show --json`: a thread and what waits in it, each request read in its vocabulary. */
export interface ShownThread {
  threadId: string;
  /** Absent for a thread that never ran. */
  graph?: string;
  status: ThreadStatus | 'unknown';
  next: string[];
  requests: ShownRequest[];
}

/** One pending request of `show --json`. */
export interface ShownRequest {
  id: string;
  shape: RequestShape;
  /** The verbs it takes (approve, edit, respond, reject, ignore); none for a plain interrupt (use resume). */
  verbs: ReviewVerb[];
  call?: { name: string; args: Record<string, unknown> };
  description?: string;
  /** The interrupt's value as the graph raised it. */
  value: unknown;
  approvers?: Approvers;
  approvals: Approval[];
  raisedAt?: string;
  deadline?: string;
}

/** Shows what a thread waits for: each pending request, the answers it takes, who may give them. */
export const showCommand: CliCommand<OperatorOptions & { thread: string }> = {
  name: 'show',
  summary: 'show what a thread waits for: each pending request, the answers it takes, who may answer',
  description:
    'Shows a thread: its graph and status, and each pending request with its id, what it asks (the tool call and its description, ' +
    'or the value of a plain interrupt), the answers it takes (approve, edit, respond, reject, ignore; resume --value for a plain ' +
    'interrupt), who may answer and who has approved so far.',
  helpAfter: operatorHelp(['durable-graph show demo-payments', 'durable-graph show demo-payments --json']),
  options: (command) => addOperatorOptions(command.argument('<thread>', 'the thread id')),
  async run({ thread, ...options }) {
    const { info, state } = await withTransport(options, async (t) => {
      const [info, state] = await Promise.all([t.findThread(thread), t.getState(thread)]);
      return { info, state };
    });
    const pending = state.interrupts.filter((i): i is PendingRequest => typeof i.id === 'string');
    if (options.json) {
      const shown: ShownThread = { threadId: thread, ...(info ? { graph: info.graph } : {}), status: info ? state.status : 'unknown', next: state.next, requests: pending.map(shownRequest) };
      printJson(shown);
    } else if (!info) console.log(`Thread "${thread}" has never run.`);
    else printShown(thread, info.graph, state, pending);
    return 0;
  },
};

function shownRequest(i: PendingRequest): ShownRequest {
  const request = reviewRequestOf(i.value);
  return {
    id: i.id,
    shape: request.shape,
    verbs: request.verbs,
    ...(request.call ? { call: request.call } : {}),
    ...(request.description ? { description: request.description } : {}),
    value: i.value,
    ...(i.approvers ? { approvers: i.approvers } : {}),
    approvals: i.approvals ?? [],
    ...(i.raisedAt ? { raisedAt: i.raisedAt } : {}),
    ...(i.deadline ? { deadline: i.deadline } : {}),
  };
}

const SHAPE_NAMES: Record<RequestShape, string> = { 'agent-inbox': 'agent inbox', decisions: 'LangChain v1 decisions', plain: 'plain interrupt' };

function printShown(threadId: string, graph: string, state: StateSnapshot, pending: PendingRequest[]): void {
  console.log(`Thread ${threadId}: graph ${graph}, ${state.status}${state.next.length ? `, next ${state.next.join(', ')}` : ''}`);
  if (pending.length === 0) {
    console.log('Nothing waits for an answer.');
    return;
  }
  console.log(`${pending.length} request(s) wait:`);
  pending.forEach((request, i) => {
    console.log(`\n[${i + 1}] ${request.id}  (${SHAPE_NAMES[reviewRequestOf(request.value).shape]})`);
    for (const line of requestLines(request)) console.log(line);
  });
}
