// A thread as the HTTP server sees it: found through Temporal (its workflow), served only when it
// runs one of the server's graphs, shown as the Agent Server's thread object.
import type { GraphClient, ThreadInfo } from '../client/graphClient';
import type { StateSnapshot } from '../runtime/protocol';
import type { ServerContext } from './createHttpServer';
import { HttpRefusal } from './errorStatus';
import { threadView } from './views';

/** The thread, when it exists and runs a graph this server serves; else NOT_FOUND. */
export async function servedThread(context: ServerContext, threadId: string): Promise<ThreadInfo> {
  const thread = await context.client.findThread(threadId);
  if (!thread || !context.graphs.includes(thread.graph)) throw new HttpRefusal(404, 'NOT_FOUND', `No thread "${threadId}"`);
  return thread;
}

/** The thread's view: its workflow's facts and its state now. */
export async function threadViewOf(client: GraphClient, thread: ThreadInfo, state?: StateSnapshot) {
  const snapshot = state ?? (await client.graph(thread.graph).getState({ configurable: { thread_id: thread.threadId } }));
  return threadView(thread.threadId, thread.graph, thread.createdAt, snapshot);
}

