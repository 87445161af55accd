// The rest of the Agent Server surface: one writer per thread over HTTP, limits, CORS and OpenAPI,
// search and count, history and forks, breakpoints, delete, and rejoining with the SDK.
import { startSemanticsTest } from '../../helpers/semantics';
import { startHttpTest, type HttpTestEnv } from './httpTestServer';

let t: HttpTestEnv;
beforeAll(async () => {
  t = await startHttpTest({ graphs: ['slow', 'counter', 'approvalGate'], env: await startSemanticsTest() });
});
afterAll(async () => {
  await t?.stop();
  await t?.env.stop();
});

const body = (value: object) => ({ method: 'POST', body: JSON.stringify(value) });
const codeOf = async (response: Response) => [response.status, ((await response.json()) as { code: string }).code];

test('a run while the thread runs is 409 THREAD_BUSY; with multitask_strategy enqueue it runs after the first', async () => {
  const threadId = t.env.threadId('busy');
  const first = await t.fetch(`/threads/${threadId}/runs`, body({ assistant_id: 'slow', input: { ms: 1500 } }));
  const { run_id } = (await first.json()) as { run_id: string };
  expect(await codeOf(await t.fetch(`/threads/${threadId}/runs/wait`, body({ assistant_id: 'slow', input: { ms: 1 } })))).toEqual([409, 'THREAD_BUSY']);
  expect((await t.sdk('carol').threads.get(threadId)).status).toBe('busy');
  const queued = await t.fetch(`/threads/${threadId}/runs/wait`, body({ assistant_id: 'slow', input: { ms: 1 }, multitask_strategy: 'enqueue' }));
  expect(await queued.json()).toEqual({ ms: 1, log: ['slept 1500', 'slept 1'] });
  expect(await t.sdk('carol').runs.get(threadId, run_id)).toMatchObject({ status: 'success' });
});

test('413: a body over the body limit, and a request over the library limit (PAYLOAD_TOO_LARGE)', async () => {
  const threadId = t.env.threadId('big');
  expect(await codeOf(await t.fetch(`/threads/${threadId}/runs/wait`, body({ assistant_id: 'approvalGate', input: { action: 'x'.repeat(1100 * 1024) } })))).toEqual([413, 'BODY_TOO_LARGE']);
  expect(await codeOf(await t.fetch(`/threads/${threadId}/runs/wait`, body({ assistant_id: 'approvalGate', input: { action: 'x'.repeat(600 * 1024) } })))).toEqual([413, 'PAYLOAD_TOO_LARGE']);
});

test('a CORS preflight is answered without a key; /openapi.json describes the routes', async () => {
  const preflight = await t.fetch('/threads/search', { method: 'OPTIONS', key: null, headers: { origin: 'http://inbox.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-api-key,content-type' } });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe('http://inbox.example');
  const openapi = (await (await t.fetch('/openapi.json', { key: null })).json()) as { openapi: string; paths: Record<string, unknown> };
  expect(openapi.openapi).toMatch(/^3\./);
  expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/threads', '/threads/search', '/threads/{thread_id}/runs/wait', '/threads/{thread_id}/runs/{run_id}/stream', '/threads/{thread_id}/audit', '/me']));
});

test('search filters by status, graph, ids and values, sorts and pages; count counts; metadata the server does not keep matches nothing', async () => {
  const carol = t.sdk('carol');
  const ids = [t.env.threadId('s-a'), t.env.threadId('s-b'), t.env.threadId('s-c')];
  for (const [i, id] of ids.entries()) await carol.runs.wait(id, 'counter', { input: { target: i + 1 } });
  const mine = await carol.threads.search({ ids, metadata: { graph_id: 'counter' }, status: 'idle', sortBy: 'thread_id', sortOrder: 'asc', limit: 2, offset: 1 });
  expect(mine.map((m) => [m.thread_id, m.values])).toEqual([
    [ids[1], { count: 2, target: 2 }],
    [ids[2], { count: 3, target: 3 }],
  ]);
  expect(await carol.threads.search({ ids, values: { target: 1 } })).toEqual([expect.objectContaining({ thread_id: ids[0] })]);
  expect(await carol.threads.count({ metadata: { graph_id: 'counter' }, values: { target: 3 } })).toBeGreaterThanOrEqual(1);
  expect(await carol.threads.search({ ids, metadata: { owner: 'carol' } })).toEqual([]);
  expect(await codeOf(await t.fetch('/threads', body({ metadata: { owner: 'carol' } })))).toEqual([422, 'UNSUPPORTED']);
});

test('history lists checkpoints newest first; state at a checkpoint; a run from a past checkpoint forks there', async () => {
  const carol = t.sdk('carol');
  const threadId = t.env.threadId('fork');
  await carol.runs.wait(threadId, 'counter', { input: { target: 3 } });
  const history = await carol.threads.getHistory(threadId, { limit: 10 });
  expect(history.map((h) => [h.metadata?.source, h.metadata?.step])).toEqual([['loop', 3], ['loop', 2], ['loop', 1], ['loop', 0], ['input', -1]]);
  const stepOne = history[2];
  expect((await carol.threads.getState(threadId, stepOne.checkpoint.checkpoint_id!)).values).toEqual({ count: 1, target: 3 });
  const forked = await carol.runs.wait(threadId, 'counter', { checkpointId: stepOne.checkpoint.checkpoint_id!, input: null });
  expect(forked).toEqual({ count: 3, target: 3 });
  expect((await carol.threads.getHistory(threadId, { limit: 1 }))[0].metadata?.source).toBe('loop');
});

test('interrupt_before pauses at the node; a run with no input goes on', async () => {
  const carol = t.sdk('carol');
  const threadId = t.env.threadId('breakpoint');
  const paused = await carol.runs.wait(threadId, 'approvalGate', { input: { action: '' }, interruptBefore: ['approve'] });
  expect(paused).toMatchObject({ action: 'Delete 1,432 inactive user accounts', __interrupt__: [] });
  expect((await carol.threads.getState(threadId)).next).toEqual(['approve']);
  const asking = (await carol.runs.wait(threadId, 'approvalGate', { input: null })) as { __interrupt__: unknown[] };
  expect(asking.__interrupt__).toHaveLength(1);
});

test('create with if_exists, get, delete: a deleted thread is 404', async () => {
  const carol = t.sdk('carol');
  const threadId = t.env.threadId('delete');
  const created = await carol.threads.create({ threadId, graphId: 'counter' });
  expect(created).toMatchObject({ thread_id: threadId, status: 'idle', metadata: { graph_id: 'counter' } });
  await carol.runs.wait(threadId, 'counter', { input: { target: 1 } });
  expect(await codeOf(await t.fetch('/threads', body({ thread_id: threadId })))).toEqual([409, 'THREAD_EXISTS']);
  expect(await carol.threads.create({ threadId, ifExists: 'do_nothing' })).toMatchObject({ thread_id: threadId, values: { count: 1, target: 1 } });
  await carol.threads.delete(threadId);
  expect((await t.fetch(`/threads/${threadId}`)).status).toBe(404);
});

test('the SDK rejoins a run with its last event id and gets the rest', async () => {
  const carol = t.sdk('carol');
  const threadId = t.env.threadId('rejoin');
  let runId = '';
  const first: Array<{ event: string; data: unknown; id?: string }> = [];
  for await (const part of carol.runs.stream(threadId, 'counter', { input: { target: 3 }, streamMode: 'updates', onRunCreated: (meta) => (runId = meta.run_id) })) first.push(part);
  expect(first.map((p) => p.event)).toEqual(['metadata', 'updates', 'updates', 'updates']); // one per step of inc
  const rest: Array<{ event: string; data: unknown }> = [];
  for await (const part of carol.runs.joinStream(threadId, runId, { lastEventId: first[1].id, streamMode: 'updates' })) rest.push(part);
  expect(rest).toEqual(first.slice(2));
});

test('GET /me answers who the key stands for', async () => {
  expect(await (await t.fetch('/me', { key: 'alice-key-0001' })).json()).toEqual({ id: 'alice', roles: ['requester'], name: 'Alice' });
});
