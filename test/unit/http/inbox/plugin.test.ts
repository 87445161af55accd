import fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inboxPlugin } from '../../../../src/http/inbox/plugin';
import type { InboxSource, WaitingThread } from '../../../../src/http/inbox/waitingRequests';

// The server's side of the inbox stands in here (its real one is clientSource over a GraphClient,
// tested in test/browser): who the key is, which threads wait, their audit logs.
const ID_1 = '1'.repeat(32);
const ID_2 = '2'.repeat(32);
const people: Record<string, { id: string; roles: string[] }> = { 'key-fran': { id: 'fran', roles: ['finance'] } };
let auditReads = 0;

const threads: WaitingThread[] = [
  { threadId: 'pay-1', graph: 'paymentAgent', interrupts: [{ id: ID_1, value: 'Ship it?', raisedAt: '2026-01-01T00:10:00.000Z' }] },
  {
    threadId: 'pay-0',
    graph: 'paymentAgent',
    interrupts: [{ id: ID_2, value: 'Older', raisedAt: '2026-01-01T00:00:00.000Z', approvers: { roles: ['finance'], requester: 'riley' } }],
  },
  { threadId: 'stuck', graph: 'paymentAgent', interrupts: [], unreadable: 'the query got no answer' },
];

class Unauthenticated extends Error {
  statusCode = 401;
}

function sourceFor(request: FastifyRequest): InboxSource {
  const me = people[String(request.headers['x-api-key'])];
  if (!me) throw new Unauthenticated('no key');
  return {
    me: async () => me,
    waitingThreads: async () => threads,
    async auditLog(thread) {
      auditReads++;
      if (thread.threadId === 'pay-0') return [{ at: '2025-12-31T00:00:00.000Z', by: { id: 'ada', name: 'Ada' }, kind: 'input' }];
      return [
        { at: '2026-01-01T00:00:00.000Z', by: { id: 'ada' }, kind: 'input' },
        { at: '2026-01-01T00:09:00.000Z', by: { id: 'riley', name: 'Riley' }, kind: 'input' },
        { at: '2026-01-01T00:11:00.000Z', by: { id: 'later' }, kind: 'input' },
      ];
    },
  };
}

function stubServer(): FastifyInstance {
  const app = fastify();
  void app.register(inboxPlugin, { prefix: '/inbox', sourceFor });
  return app;
}

// Over a socket, as browsers reach it (fastify's inject loads an ES module jest cannot).
let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  app = stubServer();
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => app.close());

const get = (path: string, key?: string) => fetch(`${base}${path}`, { redirect: 'manual', headers: key ? { 'x-api-key': key } : {} });

test('/inbox redirects to /inbox/, whose page loads only its own files', async () => {
  const redirect = await get('/inbox');
  expect({ status: redirect.status, location: redirect.headers.get('location') }).toEqual({ status: 308, location: '/inbox/' });
  const page = await get('/inbox/');
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(await page.text()).toContain('<script type="module" src="assets/app.js"></script>');
});

test('the assets are served by name from the assets folder, with their types; nothing else is', async () => {
  const script = await get('/inbox/assets/app.js');
  expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(await script.text()).toBe(readFileSync(join(__dirname, '../../../../src/http/inbox/assets/app.js'), 'utf8'));
  expect((await get('/inbox/assets/inbox.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  expect((await get('/inbox/assets/nothing.js')).status).toBe(404);
  expect((await get('/inbox/assets/..%2Fplugin.ts')).status).toBe(404);
});

test("the list is the viewer's: oldest first, the requester from the rule or else the audit log, unreadable threads named", async () => {
  auditReads = 0;
  const response = await get('/inbox/api/requests', 'key-fran');
  expect(response.status).toBe(200);
  const list = (await response.json()) as { me: unknown; requests: Array<Record<string, unknown>> };
  expect(list.me).toEqual({ id: 'fran', roles: ['finance'] });
  expect(list.requests.map((r) => [r.threadId, r.summary, r.requester, r.mayAnswer])).toEqual([
    // The approvers rule names another requester than the run's starter: the rule decides.
    ['pay-0', 'Older', { id: 'riley' }, true],
    // The last input before the interrupt was raised started its run.
    ['pay-1', 'Ship it?', { id: 'riley', name: 'Riley' }, true],
  ]);
  // A thread whose state cannot be read does not hide the others; the page says which and why.
  expect((list as unknown as { unreadable: unknown }).unreadable).toEqual([{ threadId: 'stuck', graph: 'paymentAgent', message: 'the query got no answer' }]);
  // The audit log is read once per interrupt, not on every poll.
  await get('/inbox/api/requests', 'key-fran');
  expect(auditReads).toBe(2);
});

test("the server's refusal of the key reaches the page: 401", async () => {
  expect((await get('/inbox/api/requests', 'wrong')).status).toBe(401);
});
