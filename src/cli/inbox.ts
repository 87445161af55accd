import { answerFor, ownVerbs, reviewRequestOf, type ReviewVerb } from '../agent/reviewVerbs';
import type { RemoteGraph } from '../client/remoteGraph';
import { Command } from '../engine/command';
import type { Message } from '../graph/messages';
import type { PendingInterruptInfo } from '../runtime/protocol';
import { requestLines } from './requestText';

/** A thread of the main job, and the graph that runs it. */
export interface InboxThread {
  threadId: string;
  graph: RemoteGraph;
}

/** One request waiting for the person at the terminal. */
export interface PendingItem {
  thread: InboxThread;
  interrupt: PendingInterruptInfo & { id: string };
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

/** How a request looks on screen: which thread, what it asks, which answers it takes, who may give them. */
export function describeItem(item: PendingItem, index: number): string {
  return [`[${index + 1}] ${item.thread.graph.name} / ${item.thread.threadId}`, ...requestLines(item.interrupt)].join('\n');
}

/** The last assistant text of a thread: what the agent ended with. */
export function lastAssistantText(values: Record<string, unknown>): string | undefined {
  const messages = (values.messages ?? []) as Message[];
  const last = [...messages].reverse().find((m) => m.role === 'assistant' && m.content);
  return last?.content ?? undefined;
}

/** The key that picks each verb in the terminal's menu. */
const KEYS: Record<ReviewVerb, string> = { approve: 'a', edit: 'e', respond: 'r', reject: 'j', ignore: 'i' };

/**
 * Asks the person how to answer a tool call waiting for review (either vocabulary), and returns the
 * answer in the request's own words; undefined when they skip it for now.
 */
export async function askReviewAnswer(ask: (question: string) => Promise<string>, value: unknown): Promise<unknown> {
  const request = reviewRequestOf(value);
  const verbs = ownVerbs(request);
  const menu = verbs.map((v) => v.replace(KEYS[v], `[${KEYS[v]}]`)).join(' / ');
  for (;;) {
    const choice = (await ask(`    ${menu} / [s]kip: `)).trim().toLowerCase();
    if (choice.startsWith('s') || choice === '') return undefined;
    const verb = verbs.find((v) => KEYS[v] === choice[0] || v === choice);
    if (!verb) {
      console.log(`    Not allowed here: choose one of ${verbs.join(', ')}`);
      continue;
    }
    try {
      if (verb === 'respond') return answerFor(verb, value, { message: await ask('    message to the agent: ') });
      if (verb !== 'edit') return answerFor(verb, value);
      const text = await ask(`    arguments to change as JSON (Enter keeps ${JSON.stringify(request.call!.args)}): `);
      return answerFor(verb, value, { args: text.trim() ? (JSON.parse(text) as Record<string, unknown>) : {} });
    } catch (err) {
      console.log(`    ${err instanceof SyntaxError ? `That is not JSON (${err.message})` : (err as Error).message}; try again.`);
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
