import { INTERRUPT } from '../engine/constants';
import type { Identity } from '../engine/identity';
import type { Interrupt } from '../runtime/protocol';
import { lastAssistantText } from './inbox';
import { printJson, withTransport, type OperatorOptions } from './operatorOptions';
import { choosePending, type PendingRequest } from './pendingRequest';

/** What an answering command prints with --json. */
export interface AnswerOutcome {
  threadId: string;
  interruptId: string;
  /** The answer as sent, in the request's vocabulary. */
  answer: unknown;
  by: Identity;
  /** Where the answer left the thread: paused again (`interrupted`) or done for now (`idle`). */
  status: 'interrupted' | 'idle';
  /** The same request still waits: the answer counted toward a quorum that needs more. */
  stillWaiting: boolean;
  /** The requests pending now. */
  interrupts: Interrupt[];
  values: Record<string, unknown>;
}

/**
 * Answers one pending request of a thread (the one `id` chooses, see choosePending) with the answer
 * `answerTo` makes from it, waits until the thread pauses or finishes, and prints how it went on.
 */
export async function sendAnswer(threadId: string, id: string | undefined, options: OperatorOptions, answerTo: (request: PendingRequest) => unknown): Promise<number> {
  const outcome = await withTransport(options, async (transport): Promise<AnswerOutcome> => {
    const request = choosePending(threadId, await transport.getState(threadId), id);
    const answer = answerTo(request);
    const { [INTERRUPT]: interrupts = [], ...values } = await transport.resume(threadId, { [request.id]: answer });
    return {
      threadId,
      interruptId: request.id,
      answer,
      by: transport.identity,
      status: interrupts.length ? 'interrupted' : 'idle',
      stillWaiting: interrupts.some((i) => i.id === request.id),
      interrupts,
      values,
    };
  });
  if (options.json) printJson(outcome);
  else console.log(describeOutcome(outcome));
  return 0;
}

function describeOutcome(o: AnswerOutcome): string {
  const head = `Answered ${o.interruptId} on ${o.threadId} as ${o.by.id}: ${JSON.stringify(o.answer)}`;
  if (o.stillWaiting) return `${head}\nCounted: the request waits for more approvals (durable-graph show ${o.threadId}).`;
  if (o.interrupts.length) return `${head}\nThe thread waits for ${o.interrupts.length} more answer(s) (durable-graph show ${o.threadId}).`;
  const said = lastAssistantText(o.values);
  return `${head}\nThe thread finished${said ? `: ${said}` : '.'}`;
}
