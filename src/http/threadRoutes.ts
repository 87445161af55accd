// Threads: create, read, search, state, history, delete, and the audit log. A thread exists when
// its workflow does (its first run or state update creates it); everything shown is read from it.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Values } from '../engine/state';
import type { ServerContext } from './createHttpServer';
import { HttpRefusal } from './errorStatus';
import { checkMetadata } from './metadata';
import { searchThreads, SEARCH_BODY_SCHEMA, type SearchBody } from './threadSearch';
import { servedThread, threadViewOf } from './threadLookup';
import { checkpointView, stateView, threadMetadata } from './views';

type ThreadParams = { Params: { thread_id: string } };

const CHECKPOINT = { type: ['object', 'null'], properties: { checkpoint_id: { type: 'string' } } } as const;

export function threadRoutes(context: ServerContext): FastifyPluginAsync {
  /** The thread's graph as the caller's client sees it, and its config. */
  const graphOf = async (request: FastifyRequest, threadId: string, checkpointId?: string) => {
    const thread = await servedThread(context, threadId);
    const config = { configurable: { thread_id: threadId, ...(checkpointId ? { checkpoint_id: checkpointId } : {}) } };
    return { thread, graph: context.clientFor(request).graph(thread.graph), config };
  };

  return async (app) => {
    app.post<{ Body: { thread_id?: string; metadata?: Record<string, unknown>; if_exists?: 'raise' | 'do_nothing'; supersteps?: unknown[] } | null }>(
      '/threads',
      {
        schema: {
          summary: 'Create a thread (it comes into being with its first run or state update)',
          body: {
            type: ['object', 'null'],
            properties: { thread_id: { type: 'string', minLength: 1 }, metadata: { type: ['object', 'null'] }, if_exists: { type: 'string', enum: ['raise', 'do_nothing'] }, supersteps: { type: 'array' } },
          },
        },
      },
      async (request) => {
        const body = request.body ?? {};
        if (body.supersteps?.length) throw new HttpRefusal(422, 'UNSUPPORTED', 'supersteps: create the thread, then update its state (POST /threads/{id}/state)');
        const graph = body.metadata?.graph_id ?? body.metadata?.assistant_id;
        if (graph !== undefined && (typeof graph !== 'string' || !context.graphs.includes(graph))) {
          throw new HttpRefusal(404, 'NOT_FOUND', `No graph ${JSON.stringify(graph)}; this server serves ${context.graphs.join(', ')}`);
        }
        checkMetadata(body.metadata, graph);
        const threadId = body.thread_id ?? randomUUID();
        const existing = body.thread_id === undefined ? undefined : await context.client.findThread(threadId);
        if (existing) {
          if (body.if_exists !== 'do_nothing') throw new HttpRefusal(409, 'THREAD_EXISTS', `Thread "${threadId}" exists; send if_exists: "do_nothing" to get it`);
          return threadViewOf(context.clientFor(request), existing);
        }
        const now = new Date().toISOString();
        return { thread_id: threadId, created_at: now, updated_at: now, metadata: graph ? threadMetadata(graph) : {}, status: 'idle', values: {}, interrupts: {}, config: { configurable: { thread_id: threadId } } };
      },
    );

    app.get<ThreadParams>('/threads/:thread_id', { schema: { summary: 'A thread: status, values, pending interrupts' } }, async (request) => {
      const thread = await servedThread(context, request.params.thread_id);
      return threadViewOf(context.clientFor(request), thread);
    });

    app.delete<ThreadParams>('/threads/:thread_id', { schema: { summary: 'Delete a thread: terminate its workflow and delete it from Temporal' } }, async (request, reply) => {
      await servedThread(context, request.params.thread_id);
      await context.clientFor(request).deleteThread(request.params.thread_id);
      return reply.status(204).send();
    });

    app.post<{ Body: SearchBody | null }>('/threads/search', { schema: { summary: 'Threads by status, graph (metadata.graph_id), values', body: SEARCH_BODY_SCHEMA } }, async (request) => {
      const body = request.body ?? {};
      const found = await searchThreads(context, context.clientFor(request), body);
      return found.page;
    });
    app.post<{ Body: SearchBody | null }>('/threads/count', { schema: { summary: 'How many threads a search finds', body: SEARCH_BODY_SCHEMA } }, async (request) => {
      const found = await searchThreads(context, context.clientFor(request), { ...(request.body ?? {}), limit: 0, offset: 0 });
      return found.total;
    });

    const stateSchema = { querystring: { type: 'object', properties: { subgraphs: { type: 'string', enum: ['true', 'false'] } } } };
    type StateQuery = { Querystring: { subgraphs?: 'true' | 'false' } };
    app.get<ThreadParams & StateQuery>('/threads/:thread_id/state', { schema: { summary: "The thread's state at its head", ...stateSchema } }, async (request) => {
      const { graph, config } = await graphOf(request, request.params.thread_id);
      return stateView(await graph.getState(config, { subgraphs: request.query.subgraphs === 'true' }));
    });
    app.get<{ Params: { thread_id: string; checkpoint_id: string } } & StateQuery>(
      '/threads/:thread_id/state/:checkpoint_id',
      { schema: { summary: "The thread's state at a past checkpoint", ...stateSchema } },
      async (request) => {
        const { graph, config } = await graphOf(request, request.params.thread_id, request.params.checkpoint_id);
        return stateView(await graph.getState(config, { subgraphs: request.query.subgraphs === 'true' }));
      },
    );
    app.post<ThreadParams & { Body: { checkpoint: { checkpoint_id?: string }; subgraphs?: boolean } }>(
      '/threads/:thread_id/state/checkpoint',
      { schema: { summary: "The thread's state at a checkpoint given in the body", body: { type: 'object', required: ['checkpoint'], properties: { checkpoint: CHECKPOINT, subgraphs: { type: 'boolean' } } } } },
      async (request) => {
        const { graph, config } = await graphOf(request, request.params.thread_id, request.body.checkpoint?.checkpoint_id);
        return stateView(await graph.getState(config, { subgraphs: request.body.subgraphs === true }));
      },
    );

    app.post<ThreadParams & { Body: { values?: Values | null; as_node?: string; checkpoint_id?: string; checkpoint?: { checkpoint_id?: string } | null } }>(
      '/threads/:thread_id/state',
      {
        schema: {
          summary: 'updateState: apply values through the reducers as if as_node wrote them (values null with as_node "__end__": cancel pending work)',
          body: { type: 'object', properties: { values: { type: ['object', 'null'] }, as_node: { type: 'string' }, checkpoint_id: { type: 'string' }, checkpoint: CHECKPOINT } },
        },
      },
      async (request) => {
        const { values = null, as_node, checkpoint_id, checkpoint } = request.body;
        const { graph, config } = await graphOf(request, request.params.thread_id, checkpoint_id ?? checkpoint?.checkpoint_id ?? undefined);
        const written = await graph.updateState(config, values, as_node === undefined ? {} : { asNode: as_node });
        // `checkpoint` as LangGraph's server answers; `configurable` too, as the JS SDK's type reads it.
        return { checkpoint: checkpointView(written), configurable: checkpointView(written) };
      },
    );

    const historyBody = {
      type: ['object', 'null'],
      properties: {
        limit: { type: 'integer', minimum: 1 },
        before: { anyOf: [{ type: 'string' }, { type: 'object', properties: { configurable: { type: 'object', properties: { checkpoint_id: { type: 'string' } } } } }] },
        metadata: { type: ['object', 'null'] },
        checkpoint: CHECKPOINT,
      },
    };
    type HistoryBody = { limit?: number; before?: string | { configurable?: { checkpoint_id?: string } }; metadata?: Record<string, unknown> | null };
    app.post<ThreadParams & { Body: HistoryBody | null }>('/threads/:thread_id/history', { schema: { summary: 'Checkpoints, newest first', body: historyBody } }, async (request) => {
      const { limit = 10, before, metadata } = request.body ?? {};
      if (metadata && Object.keys(metadata).length) throw new HttpRefusal(422, 'UNSUPPORTED', 'history by metadata: durable-graph lists checkpoints by position (limit, before)');
      const { graph, config } = await graphOf(request, request.params.thread_id);
      const beforeId = typeof before === 'string' ? before : before?.configurable?.checkpoint_id;
      const history = await graph.getStateHistory(config, { limit, ...(beforeId ? { before: beforeId } : {}) });
      return history.map(stateView);
    });

    app.get<ThreadParams>('/threads/:thread_id/audit', { schema: { summary: 'Every request the thread accepted, oldest first (durable-graph only)' } }, async (request) => {
      const { graph, config } = await graphOf(request, request.params.thread_id);
      return graph.getAuditLog(config);
    });
  };
}
