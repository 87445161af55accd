// Routes about the server itself: health, capabilities, the OpenAPI document (no key needed), and
// the caller's own identity (for the web inbox).
import type { FastifyPluginAsync } from 'fastify';
import { STATUS_OF_CODE } from './errorStatus';
import { HTTP_STREAM_MODES } from './streamModes';
import type { ServerContext } from './createHttpServer';

export function systemRoutes(context: ServerContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/ok', { config: { public: true }, schema: { summary: 'Health check', security: [] } }, async () => ({ ok: true }));
    app.get('/info', { config: { public: true }, schema: { summary: "The server's capabilities", security: [] } }, async () => ({
      flags: { assistants: true, crons: false, langsmith: false },
      durable_graph: {
        graphs: context.graphs,
        // durable-graph always refuses a resume with nothing pending, an unknown id, a plain answer for several.
        strict_resume: true,
        stream_modes: HTTP_STREAM_MODES,
        multitask_strategies: ['reject', 'enqueue'],
        error_statuses: STATUS_OF_CODE,
      },
    }));
    app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
    app.get('/me', { schema: { summary: 'Who the API key stands for (durable-graph only)' } }, async (request) => request.identity);
  };
}
