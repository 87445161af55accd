// The web approval inbox as a fastify plugin: the page's files and one JSON route listing what
// waits, as the viewer sees it. The page answers through the Agent Server API itself
// (POST /threads/{id}/runs/wait), with the key the person logged in with.
// @fastify/swagger's types add `schema.hide`: the inbox's routes stay out of the OpenAPI document.
import type {} from '@fastify/swagger';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { loadAssets } from './assets';
import { RequesterLookup, waitingRequests, type InboxSource } from './waitingRequests';

/** What the server gives the inbox. */
export interface InboxOptions {
  /**
   * What the inbox reads for the person who sent `request`, e.g. `clientSource(client.withIdentity(identity), graphs)`;
   * throws the server's own refusal (401) when the request carries no known key.
   */
  sourceFor(request: FastifyRequest): InboxSource | Promise<InboxSource>;
}

/**
 * The page may load only its own files and talk only to this server: an interrupt's value is
 * shown as text, and even a value that slipped into markup could run no script.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/** The page and its files need no key (the page asks for one); the list does. */
const PUBLIC = { schema: { hide: true }, config: { public: true } };
const HIDDEN = { schema: { hide: true } };

/** Serves the inbox under the prefix it is registered with (`/inbox` in createHttpServer). */
export const inboxPlugin: FastifyPluginAsync<InboxOptions> = async (app, options) => {
  const assets = loadAssets();
  const requesters = new RequesterLookup();

  // The page's relative links need the trailing slash: /inbox redirects to /inbox/.
  app.get('/', PUBLIC, async (request, reply) => {
    const path = request.url.split('?')[0];
    if (!path.endsWith('/')) return reply.redirect(`${path}/`, 308);
    const page = assets.get('index.html')!;
    return reply.headers(PAGE_HEADERS).type(page.contentType).send(page.body);
  });

  app.get<{ Params: { name: string } }>('/assets/:name', PUBLIC, async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) return reply.code(404).send({ code: 'NOT_FOUND', message: `The inbox has no file ${request.params.name}` });
    return reply.headers(PAGE_HEADERS).type(asset.contentType).send(asset.body);
  });

  app.get('/api/requests', HIDDEN, async (request) => waitingRequests(await options.sourceFor(request), requesters));
};
