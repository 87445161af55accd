// An HTTP server on a free port over a test worker, and the real LangGraph SDK client for it.
import { Client } from '@langchain/langgraph-sdk';
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../../../src/engine/identity';
import { createHttpServer, type RefusedRequest } from '../../../src/http';
import { startGraphTest, type GraphTestEnv } from '../../helpers/harness';

export const KEYS: Record<string, Identity> = {
  'alice-key-0001': { id: 'alice', roles: ['requester'], name: 'Alice' },
  'carol-key-0001': { id: 'carol', roles: ['finance'], name: 'Carol' },
};

export interface HttpTestEnv {
  env: GraphTestEnv;
  app: FastifyInstance;
  url: string;
  refused: RefusedRequest[];
  /** The SDK's client acting with the key of `who`. */
  sdk(who: 'alice' | 'carol'): Client;
  /** A raw request (for statuses and headers the SDK hides). */
  fetch(path: string, init?: RequestInit & { key?: string | null }): Promise<Response>;
  stop(): Promise<void>;
}

export async function startHttpTest(options: { graphs: string[]; bodyLimit?: number; env?: GraphTestEnv }): Promise<HttpTestEnv> {
  const env = options.env ?? (await startGraphTest());
  const refused: RefusedRequest[] = [];
  const app = createHttpServer({
    client: env.client,
    graphs: options.graphs,
    apiKeys: new Map(Object.entries(KEYS)),
    bodyLimit: options.bodyLimit,
    logRefusal: (entry) => refused.push(entry),
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const keyOf = (who: string) => Object.keys(KEYS).find((k) => KEYS[k].id === who)!;
  return {
    env,
    app,
    url,
    refused,
    sdk: (who) => new Client({ apiUrl: url, apiKey: keyOf(who), callerOptions: { maxRetries: 0 } }),
    fetch: (path, init = {}) => {
      const { key = keyOf('carol'), headers, ...rest } = init;
      // A JSON content type whenever there is a body (as the SDK sends it).
      return fetch(`${url}${path}`, { ...rest, headers: { ...(key ? { 'x-api-key': key } : {}), ...(rest.body ? { 'content-type': 'application/json' } : {}), ...(headers as Record<string, string>) } });
    },
    async stop() {
      await app.close();
      if (!options.env) await env.stop();
    },
  };
}
