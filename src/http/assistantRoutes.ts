// Assistants: one per served graph, its id the graph's name (= the workflow type).
import type { FastifyPluginAsync } from 'fastify';
import { HttpRefusal } from './errorStatus';
import type { ServerContext } from './createHttpServer';

const EPOCH = new Date(0).toISOString();

export function assistantRoutes(context: ServerContext): FastifyPluginAsync {
  const assistant = (graph: string) => ({
    assistant_id: graph,
    graph_id: graph,
    name: graph,
    config: {},
    context: {},
    metadata: { created_by: 'system' },
    version: 1,
    created_at: EPOCH,
    updated_at: EPOCH,
    description: null,
  });
  const known = (id: string) => {
    if (!context.graphs.includes(id)) throw new HttpRefusal(404, 'NOT_FOUND', `No assistant "${id}"; this server serves ${context.graphs.join(', ')}`);
    return id;
  };
  return async (app) => {
    app.post<{ Body: { graph_id?: string; limit?: number; offset?: number } }>(
      '/assistants/search',
      {
        schema: {
          summary: 'Assistants: one per served graph',
          body: { type: ['object', 'null'], properties: { graph_id: { type: 'string' }, limit: { type: 'integer', minimum: 0 }, offset: { type: 'integer', minimum: 0 } } },
        },
      },
      async (request) => {
        const { graph_id, limit = 10, offset = 0 } = request.body ?? {};
        return context.graphs.filter((g) => graph_id === undefined || g === graph_id).slice(offset, offset + limit).map(assistant);
      },
    );
    app.get<{ Params: { id: string } }>('/assistants/:id', { schema: { summary: 'One assistant' } }, async (request) => assistant(known(request.params.id)));
    app.get<{ Params: { id: string } }>('/assistants/:id/graph', { schema: { summary: "The assistant's graph (nodes only)" } }, async (request) => {
      const graph = known(request.params.id);
      return { nodes: [{ id: '__start__', type: 'schema', data: '__start__' }, { id: graph, type: 'runnable', data: graph }, { id: '__end__', type: 'schema', data: '__end__' }], edges: [] };
    });
  };
}
