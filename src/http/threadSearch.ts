// POST /threads/search and /threads/count over Temporal visibility: status and graph are search
// attributes, so the list is filtered by Temporal; `values` filters and sorting by what only the
// state knows read each candidate's state.
import type { GraphClient, ThreadInfo } from '../client/graphClient';
import type { StateSnapshot } from '../runtime/protocol';
import type { ServerContext } from './createHttpServer';
import { graphOfFilter } from './metadata';
import { threadViewOf } from './threadLookup';
import { threadStatusOf, type HttpThreadStatus } from './views';

export interface SearchBody {
  ids?: string[];
  metadata?: Record<string, unknown> | null;
  values?: Record<string, unknown> | null;
  status?: HttpThreadStatus;
  limit?: number;
  offset?: number;
  sort_by?: 'thread_id' | 'status' | 'created_at' | 'updated_at';
  sort_order?: 'asc' | 'desc';
}

export const SEARCH_BODY_SCHEMA = {
  type: ['object', 'null'],
  properties: {
    ids: { type: 'array', items: { type: 'string' } },
    metadata: { type: ['object', 'null'] },
    values: { type: ['object', 'null'] },
    status: { type: 'string', enum: ['idle', 'busy', 'interrupted', 'error'] },
    limit: { type: 'integer', minimum: 0, maximum: 1000 },
    offset: { type: 'integer', minimum: 0 },
    sort_by: { type: 'string', enum: ['thread_id', 'status', 'created_at', 'updated_at'] },
    sort_order: { type: 'string', enum: ['asc', 'desc'] },
  },
} as const;

type ThreadPage = Array<Awaited<ReturnType<typeof threadViewOf>>>;

/** The threads a search finds: the page asked for (limit, offset) and how many match in all. */
export async function searchThreads(context: ServerContext, client: GraphClient, body: SearchBody): Promise<{ page: ThreadPage; total: number }> {
  const graph = graphOfFilter(body.metadata);
  if (graph === null || (graph !== undefined && !context.graphs.includes(graph))) return { page: [], total: 0 };
  const ids = body.ids ? new Set(body.ids) : undefined;
  const candidates: ThreadInfo[] = [];
  for await (const thread of context.client.listThreads({ ...(graph ? { graph } : {}), ...(body.status ? { status: threadStatusOf(body.status) } : {}) })) {
    if (context.graphs.includes(thread.graph) && (!ids || ids.has(thread.threadId))) candidates.push(thread);
  }
  const stateOf = (t: ThreadInfo) => client.graph(t.graph).getState({ configurable: { thread_id: t.threadId } });
  // States are read up front only when the filter or the order needs them; else only for the page.
  const needsState = body.values || body.sort_by === 'updated_at';
  const states = new Map<string, StateSnapshot>();
  if (needsState) for (const t of candidates) states.set(t.threadId, await stateOf(t));
  const matching = body.values ? candidates.filter((t) => matchesValues(states.get(t.threadId)!.values, body.values!)) : candidates;
  const sortKey = (t: ThreadInfo): string => {
    switch (body.sort_by ?? 'created_at') {
      case 'thread_id':
        return t.threadId;
      case 'status':
        return t.status;
      case 'updated_at':
        return states.get(t.threadId)!.createdAt;
      default:
        return t.createdAt.toISOString();
    }
  };
  const direction = (body.sort_order ?? 'desc') === 'asc' ? 1 : -1;
  matching.sort((a, b) => direction * sortKey(a).localeCompare(sortKey(b)));
  const offset = body.offset ?? 0;
  const slice = body.limit === undefined ? matching.slice(offset) : matching.slice(offset, offset + body.limit);
  const page: ThreadPage = [];
  for (const t of slice) page.push(await threadViewOf(client, t, states.get(t.threadId) ?? (await stateOf(t))));
  return { page, total: matching.length };
}

/** Every key of the filter has the same JSON value in the state. */
function matchesValues(values: Record<string, unknown>, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, value]) => Object.hasOwn(values, key) && JSON.stringify(values[key]) === JSON.stringify(value));
}
