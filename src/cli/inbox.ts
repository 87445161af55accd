import { allowedTypes, type HumanInterrupt, type HumanResponse } from '../agent/humanInterrupt';
import type { RemoteGraph } from '../client/remoteGraph';
import { Command } from '../engine/command';
import type { Message } from '../graph/messages';
import type { Interrupt } from '../runtime/protocol';

/** A thread of the main job, and the graph that runs it. */
export interface InboxThread {
  threadId: string;
  graph: RemoteGraph;
}

/** One request waiting for the person at the terminal. */
export interface PendingItem {
  thread: InboxThread;
  interrupt: Interrupt & { id: string };
}

export function isHumanInterrupt(value: unknown): value is HumanInterrupt {
  const v = value as HumanInterrupt | undefined;
  return typeof v?.action_request?.action === 'string' && typeof v.config === 'object';
}

const config = (threadId: string) => ({ configurable: { thread_id: threadId } });

/** Every answerable interrupt of the given threads, in thread order. */
export async function pendingItems(threads: InboxThread[]): Promise<PendingItem[]> {
  const items: PendingItem[] = [];
  for (const thread of threads) {
    const state = await thread.graph.getState(config(thread.threadId));
    for (const i of state.interrupts) if (i.id) items.push({ thread, interrupt: { ...i, id: i.id } });
  }
  return items;
}

/** How a request looks on screen: which thread, which call with which arguments, what is allowed. */
export function describeItem(item: PendingItem, index: number): string {
  const head = `[${index + 1}] ${item.thread.graph.name} / ${item.thread.threadId}`;
  const value = item.interrupt.value;
  if (!isHumanInterrupt(value)) return `${head}\n    ${JSON.stringify(value)}`;
  const lines = [
    head,
    ...(value.description ?? 'Approval needed').split('\n').map((line) => `    ${line}`),
    `    call: ${value.action_request.action}(${JSON.stringify(value.action_request.args)})`,
    `    answers: ${allowedTypes(value.config).join(', ')}`,
  ];
  return lines.join('\n');
}

/** The last assistant text of a thread: what the agent ended with. */
export function lastAssistantText(values: Record<string, unknown>): string | undefined {
  const messages = (values.messages ?? []) as Message[];
  const last = [...messages].reverse().find((m) => m.role === 'assistant' && m.content);
  return last?.content ?? undefined;
}

/** Asks the person for a HumanResponse to one request; undefined when they skip it for now. */
export async function askResponse(ask: (question: string) => Promise<string>, request: HumanInterrupt): Promise<HumanResponse | undefined> {
  const allowed = allowedTypes(request.config);
  const keys = allowed.map((t) => `[${t[0]}]${t.slice(1)}`).join(' / ');
  for (;;) {
    const choice = (await ask(`    ${keys} / [s]kip: `)).trim().toLowerCase();
    const type = allowed.find((t) => t[0] === choice[0]);
    if (choice.startsWith('s') || choice === '') return undefined;
    if (!type) {
      console.log(`    Not allowed here: choose one of ${allowed.join(', ')}`);
      continue;
    }
    if (type === 'accept' || type === 'ignore') return { type, args: null };
    if (type === 'response') return { type, args: await ask('    message to the agent: ') };
    const text = await ask(`    new arguments as JSON (Enter keeps ${JSON.stringify(request.action_request.args)}): `);
    try {
      const args = text.trim() ? (JSON.parse(text) as Record<string, unknown>) : request.action_request.args;
      return { type: 'edit', args: { action: request.action_request.action, args } };
    } catch (err) {
      console.log(`    That is not JSON (${(err as Error).message}); try again.`);
    }
  }
}

/** Sends one answer; prints how the thread went on, or why the answer was refused (nothing changed then). */
export async function answer(item: PendingItem, response: unknown): Promise<void> {
  try {
    const result = await item.thread.graph.invoke(new Command({ resume: { [item.interrupt.id]: response } }), config(item.thread.threadId));
    const waiting = result.__interrupt__?.length ?? 0;
    const said = lastAssistantText(result);
    console.log(waiting ? `    -> ${item.thread.threadId} waits for ${waiting} more answer(s)` : `    -> ${item.thread.threadId} finished${said ? `: ${said}` : ''}`);
  } catch (err) {
    const code = (err as { code?: string }).code;
    console.log(`    refused${code ? ` (${code})` : ''}: ${(err as Error).message}`);
  }
}
