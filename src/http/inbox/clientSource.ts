// The inbox's InboxSource over a GraphClient acting as the viewer: the interrupted threads of the
// served graphs on the client's task queue (the threads this deployment runs) from Temporal
// visibility, then each thread's own state, since visibility lags a little and the state is what
// decides (a request answered a moment ago has left it).
import type { GraphClient } from '../../client/graphClient';
import type { PendingInterrupt } from './requestView';
import type { InboxSource, WaitingThread } from './waitingRequests';

/** How many interrupted threads the inbox lists at most. */
export const MAX_THREADS = 200;
/** States read at once. */
const BATCH = 20;

/** The thread's pending interrupts; a thread whose state cannot be read says why instead of hiding the others. */
async function waitingThread(client: GraphClient, threadId: string, graph: string): Promise<WaitingThread> {
  try {
    const state = await client.graph(graph).getState({ configurable: { thread_id: threadId } });
    const interrupts = state.interrupts.filter((i): i is PendingInterrupt => typeof i.id === 'string');
    return { threadId, graph, interrupts };
  } catch (err) {
    return { threadId, graph, interrupts: [], unreadable: (err as Error).message };
  }
}

/** What `client` (acting as the viewer) reads for the inbox, of the threads of `graphs`. */
export function clientSource(client: GraphClient, graphs: readonly string[]): InboxSource {
  return {
    me: async () => client.identity,
    async waitingThreads() {
      const listed: Array<{ threadId: string; graph: string }> = [];
      for await (const thread of client.listThreads({ status: 'interrupted', taskQueue: client.taskQueue })) {
        if (graphs.includes(thread.graph)) listed.push(thread);
        if (listed.length >= MAX_THREADS) break;
      }
      const threads: WaitingThread[] = [];
      for (let i = 0; i < listed.length; i += BATCH) {
        threads.push(...(await Promise.all(listed.slice(i, i + BATCH).map((t) => waitingThread(client, t.threadId, t.graph)))));
      }
      return threads;
    },
    auditLog: (thread) => client.graph(thread.graph).getAuditLog({ configurable: { thread_id: thread.threadId } }),
  };
}
