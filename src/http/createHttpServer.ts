// durable-graph's HTTP server: the subset of LangGraph's Agent Server API that the LangGraph SDK,
// Agent Inbox and Agent Chat UI use, over a GraphClient. It keeps nothing of its own: threads,
// runs, metadata and stream positions are all read from the threads' workflows, so any number of
// servers can serve the same threads and a restart loses nothing.
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { GraphClient } from '../client/graphClient';
import type { Identity } from '../engine/identity';
import type { ApiKeys } from './apiKeys';
import { identityOf } from './auth';
import { assistantRoutes } from './assistantRoutes';
import { errorAnswer, HttpRefusal } from './errorStatus';
import { runRoutes } from './runRoutes';
import { systemRoutes } from './systemRoutes';
import { threadRoutes } from './threadRoutes';

/** A request the server refused, as the refusal log records it. */
export interface RefusedRequest {
  at: string;
  /** The caller's identity id; absent when the request had no valid key. */
  who?: string;
  method: string;
  path: string;
  status: number;
  code: string;
  why: string;
}

export interface HttpServerOptions {
  /** The client every request goes through, as the caller's identity (`withIdentity`). */
  client: GraphClient;
  /** The graphs served, one assistant each (assistant id = graph id = workflow type). */
  graphs: string[];
  /** API key → identity. Requests without a known key are refused 401. */
  apiKeys: ApiKeys;
  /** The largest request body, in bytes (default 1 MiB; the library refuses requests over its own limit with 413 too). */
  bodyLimit?: number;
  /** Where refused requests are recorded (default: one JSON line each on stderr). */
  logRefusal?: (entry: RefusedRequest) => void;
  /** Origins allowed by CORS (default: any). */
  corsOrigin?: string | string[] | boolean;
}

/** What each route module gets: the graphs, and the client acting as the request's caller. */
export interface ServerContext {
  graphs: string[];
  /** The server's client (for listing and looking up threads). */
  client: GraphClient;
  /** The client acting as the caller, so the threads check governance against them. */
  clientFor(request: FastifyRequest): GraphClient;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request's API key stands for (set for every route that is not public). */
    identity?: Identity;
  }
  interface FastifyContextConfig {
    /** Served without an API key (GET /ok, /info, /openapi.json; the inbox's page). */
    public?: boolean;
  }
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Builds the server (not listening: call `listen`). Register more routes (the web inbox) with `register`. */
export function createHttpServer(options: HttpServerOptions): FastifyInstance {
  const logRefusal = options.logRefusal ?? ((entry: RefusedRequest) => process.stderr.write(`${JSON.stringify(entry)}\n`));
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Bodies are validated as sent: a string is not a number (query strings are parsed by the routes).
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    logger: false,
  });
  app.decorateRequest('identity', undefined);
  void app.register(cors, { origin: options.corsOrigin ?? true, exposedHeaders: ['Content-Location', 'Location'] });
  // Registered before the routes, so that it sees them all (fastify keeps the order).
  void app.register(swagger, {
    openapi: {
      info: { title: 'durable-graph Agent Server API', version: '1', description: "The subset of LangGraph's Agent Server API durable-graph serves" },
      components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } } },
      security: [{ apiKey: [] }],
    },
  });

  // Authentication: every route but the public ones and CORS preflights needs a known key.
  app.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS' || request.routeOptions.config?.public) return;
    request.identity = identityOf(request.headers, options.apiKeys);
  });

  app.setNotFoundHandler(async (request) => {
    throw new HttpRefusal(404, 'NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`);
  });
  app.setErrorHandler(async (err, request, reply) => {
    const { status, body } = errorAnswer(err);
    // A bug of ours: the details go to the server's log, never to the caller.
    if (body.code === 'INTERNAL') process.stderr.write(`durable-graph http: ${request.method} ${request.url}: ${(err as Error)?.stack ?? String(err)}\n`);
    logRefusal({ at: new Date().toISOString(), ...(request.identity ? { who: request.identity.id } : {}), method: request.method, path: request.url, status, code: body.code, why: body.message });
    return reply.status(status).send(body);
  });

  const context: ServerContext = {
    graphs: options.graphs,
    client: options.client,
    clientFor: (request) => options.client.withIdentity(request.identity!),
  };
  void app.register(systemRoutes(context));
  void app.register(assistantRoutes(context));
  void app.register(threadRoutes(context));
  void app.register(runRoutes(context));
  return app;
}
