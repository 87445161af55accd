// The HTTP server driven by the real LangGraph SDK (issue 10): threads, runs, interrupts and answers
// as a LangGraph user and Agent Inbox send them, against a real Temporal server.
import { startHttpTest, type HttpTestEnv } from './httpTestServer';

let t: HttpTestEnv;
beforeAll(async () => {
  t = await startHttpTest({ graphs: ['approvalGate', 'approvedPayment'] });
});
afterAll(() => t?.stop());

test('a run waits to an interrupt; the thread is found interrupted, its state shows the question, and an answer finishes it', async () => {
  const carol = t.sdk('carol');
  const thread = await carol.threads.create({ graphId: 'approvalGate' });
  const paused = (await carol.runs.wait(thread.thread_id, 'approvalGate', { input: { action: '' } })) as Record<string, unknown>;
  const interrupts = paused.__interrupt__ as Array<{ id: string; value: unknown }>;
  expect(interrupts).toEqual([{ id: expect.stringMatching(/^[0-9a-f]{32}$/), value: { question: 'Approve this action?', planned_action: 'Delete 1,432 inactive user accounts' } }]);

  const found = await carol.threads.search({ status: 'interrupted', metadata: { graph_id: 'approvalGate' }, limit: 100 });
  const mine = found.find((f) => f.thread_id === thread.thread_id)!;
  expect(mine).toMatchObject({ status: 'interrupted', metadata: { graph_id: 'approvalGate' }, values: { action: 'Delete 1,432 inactive user accounts' } });
  expect(Object.values(mine.interrupts)).toEqual([[expect.objectContaining({ id: interrupts[0].id })]]);

  const state = await carol.threads.getState(thread.thread_id);
  expect(state.next).toEqual(['approve']);
  expect(state.tasks[0].interrupts).toEqual([expect.objectContaining({ id: interrupts[0].id })]);

  const done = await carol.runs.wait(thread.thread_id, 'approvalGate', { command: { resume: 'approve' } });
  expect(done).toEqual({ action: 'Delete 1,432 inactive user accounts', approved: true, log: [expect.stringContaining('Delete 1,432')] });
  expect((await carol.threads.get(thread.thread_id)).status).toBe('idle');
});

test('without an API key every route but /ok, /info and /openapi.json is 401', async () => {
  expect((await t.fetch('/threads/search', { method: 'POST', body: '{}', key: null })).status).toBe(401);
  expect((await t.fetch('/threads/search', { method: 'POST', body: '{}', key: 'not-a-known-key' })).status).toBe(401);
  expect(await (await t.fetch('/threads/search', { method: 'POST', body: '{}', key: null })).json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  for (const path of ['/ok', '/info', '/openapi.json']) expect((await t.fetch(path, { key: null })).status).toBe(200);
});

/** A thread of approvedPayment paused on its finance approval, started by alice (the requester). */
async function paymentRequested(amount = 700) {
  const alice = t.sdk('alice');
  const thread = await alice.threads.create({ graphId: 'approvedPayment' });
  const paused = (await alice.runs.wait(thread.thread_id, 'approvedPayment', { input: { amount } })) as { __interrupt__: Array<{ id: string }> };
  return { threadId: thread.thread_id, interruptId: paused.__interrupt__[0].id };
}

test('a background run answers with its run id in Content-Location once accepted; join waits for it and returns the values', async () => {
  const { threadId } = await paymentRequested();
  const created = await t.fetch(`/threads/${threadId}/runs`, { method: 'POST', body: JSON.stringify({ assistant_id: 'approvedPayment', command: { resume: 'approve' } }) });
  expect(created.status).toBe(200);
  const run = (await created.json()) as { run_id: string; thread_id: string; status: string };
  expect(created.headers.get('content-location')).toBe(`/threads/${threadId}/runs/${run.run_id}`);
  expect(run).toMatchObject({ thread_id: threadId, status: 'pending' });

  const joined = await t.sdk('carol').runs.join(threadId, run.run_id);
  expect(joined).toMatchObject({ amount: 700, decision: 'approve', approvedBy: 'carol', requestedBy: 'alice' });
  expect(await t.sdk('carol').runs.get(threadId, run.run_id)).toMatchObject({ run_id: run.run_id, status: 'success' });
  const audit = (await (await t.fetch(`/threads/${threadId}/audit`)).json()) as Array<{ requestId: string; by: { id: string }; kind: string }>;
  expect(audit.map((e) => [e.kind, e.by.id])).toEqual([['input', 'alice'], ['resume', 'carol']]);
  expect(audit[1].requestId).toBe(run.run_id);
});

test('runs.stream with a command sends metadata first, then the stream modes\' events with ids that count up', async () => {
  const { threadId } = await paymentRequested();
  const parts: Array<{ event: string; data: unknown; id?: string }> = [];
  for await (const part of t.sdk('carol').runs.stream(threadId, 'approvedPayment', { command: { resume: 'approve' }, streamMode: ['updates', 'events'] })) {
    parts.push(part);
  }
  expect(parts[0]).toMatchObject({ event: 'metadata', data: { run_id: expect.any(String), attempt: 1 } });
  expect(parts).toContainEqual(expect.objectContaining({ event: 'updates', data: { approve: { decision: 'approve', approvedBy: 'carol' } } }));
  expect(parts).toContainEqual(
    expect.objectContaining({ event: 'events', data: expect.objectContaining({ event: 'on_chain_start', metadata: expect.objectContaining({ langgraph_node: 'approve' }) }) }),
  );
  const ids = parts.slice(1).map((p) => Number(p.id));
  expect(ids.every((id, i) => Number.isInteger(id) && (i === 0 || id >= ids[i - 1]))).toBe(true);
  expect((await t.sdk('carol').threads.get(threadId)).status).toBe('idle');
});

test('a dropped stream is rejoined with Last-Event-ID: the events after it, none missed or repeated', async () => {
  const { threadId } = await paymentRequested();
  const response = await t.fetch(`/threads/${threadId}/runs/stream`, {
    method: 'POST',
    body: JSON.stringify({ assistant_id: 'approvedPayment', command: { resume: 'approve' }, stream_mode: ['values', 'updates'] }),
  });
  expect(response.headers.get('location')).toMatch(new RegExp(`^/threads/${threadId}/runs/[0-9a-f-]{36}/stream$`));
  const all = parseSse(await response.text());
  expect(all.length).toBeGreaterThan(3);
  const rejoined = await t.fetch(response.headers.get('location')!, { headers: { 'last-event-id': all[1].id! } });
  expect(rejoined.status).toBe(200);
  expect(parseSse(await rejoined.text())).toEqual(all.slice(2).map((e) => ({ ...e })));
});

test("Agent Inbox's ignore (updateState with values null as __end__) abandons the pending request", async () => {
  const { threadId } = await paymentRequested();
  const carol = t.sdk('carol');
  const written = (await carol.threads.updateState(threadId, { values: null, asNode: '__end__' })) as unknown as { checkpoint: object };
  expect(written.checkpoint).toMatchObject({ thread_id: threadId, checkpoint_ns: '', checkpoint_id: expect.any(String) });
  const thread = await carol.threads.get(threadId);
  expect(thread).toMatchObject({ status: 'idle', interrupts: {} });
});

describe('refusals carry the library code and its status', () => {
  test('403 NOT_AUTHORIZED: the requester answering their own payment; nothing changes', async () => {
    const { threadId } = await paymentRequested();
    const before = await t.sdk('carol').threads.getState(threadId);
    const refused = await t.fetch(`/threads/${threadId}/runs/wait`, {
      key: 'alice-key-0001',
      method: 'POST',
      body: JSON.stringify({ assistant_id: 'approvedPayment', command: { resume: 'approve' } }),
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'NOT_AUTHORIZED', message: expect.stringContaining('the requester (alice) may not answer') });
    expect(await t.sdk('carol').threads.getState(threadId)).toEqual(before);
    expect(t.refused).toContainEqual(expect.objectContaining({ who: 'alice', method: 'POST', status: 403, code: 'NOT_AUTHORIZED' }));
  });

  test('409: a second answer to a finished thread is NOTHING_TO_RESUME; new input while interrupted is PENDING_INTERRUPT', async () => {
    const { threadId } = await paymentRequested();
    const post = (body: object) => t.fetch(`/threads/${threadId}/runs/wait`, { method: 'POST', body: JSON.stringify({ assistant_id: 'approvedPayment', ...body }) });
    const pending = await post({ input: { amount: 1 } });
    expect([pending.status, ((await pending.json()) as { code: string }).code]).toEqual([409, 'PENDING_INTERRUPT']);
    expect((await post({ command: { resume: 'approve' } })).status).toBe(200);
    const again = await post({ command: { resume: 'approve' } });
    expect([again.status, ((await again.json()) as { code: string }).code]).toEqual([409, 'NOTHING_TO_RESUME']);
  });

  test('404: an unknown thread, run or assistant', async () => {
    expect((await t.fetch('/threads/no-such-thread-anywhere')).status).toBe(404);
    expect((await t.fetch('/threads/no-such-thread-anywhere/state')).status).toBe(404);
    const { threadId } = await paymentRequested();
    expect((await t.fetch(`/threads/${threadId}/runs/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    const unknown = await t.fetch(`/threads/${threadId}/runs/wait`, { method: 'POST', body: JSON.stringify({ assistant_id: 'noSuchGraph', input: {} }) });
    expect([unknown.status, ((await unknown.json()) as { code: string }).code]).toEqual([404, 'UNKNOWN_GRAPH']);
    expect((await t.fetch('/assistants/noSuchGraph')).status).toBe(404);
  });

  test('422: an empty command, an unknown interrupt id, an unknown state key, an unsupported multitask strategy', async () => {
    const { threadId } = await paymentRequested();
    const post = async (path: string, body: object) => {
      const response = await t.fetch(`/threads/${threadId}${path}`, { method: 'POST', body: JSON.stringify(body) });
      return [response.status, ((await response.json()) as { code: string }).code];
    };
    expect(await post('/runs/wait', { assistant_id: 'approvedPayment', command: {} })).toEqual([422, 'INVALID_COMMAND']);
    expect(await post('/runs/wait', { assistant_id: 'approvedPayment', command: { resume: { ['0'.repeat(32)]: 'approve' } } })).toEqual([422, 'UNKNOWN_INTERRUPT_ID']);
    expect(await post('/state', { values: { notAKey: 1 } })).toEqual([422, 'INVALID_UPDATE']);
    expect(await post('/runs/wait', { assistant_id: 'approvedPayment', input: {}, multitask_strategy: 'rollback' })).toEqual([422, 'UNSUPPORTED']);
  });

  test('400: a body that fails the route schema or is not JSON', async () => {
    const schema = await t.fetch('/threads/x/runs/wait', { method: 'POST', body: JSON.stringify({ input: {} }) });
    expect([schema.status, ((await schema.json()) as { code: string }).code]).toEqual([400, 'INVALID_REQUEST']);
    const notJson = await t.fetch('/threads/search', { method: 'POST', body: '{"status": ' });
    expect([notJson.status, ((await notJson.json()) as { code: string }).code]).toEqual([400, 'INVALID_REQUEST']);
  });
});

/** The events of an SSE body (comments and the blank lines between events dropped). */
function parseSse(text: string): Array<{ event: string; data: unknown; id?: string }> {
  return text
    .split('\n\n')
    .filter((block) => block.split('\n').some((line) => line.startsWith('event:')))
    .map((block) => {
      const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
      const id = field('id');
      return { event: field('event')!, data: JSON.parse(field('data')!) as unknown, ...(id === undefined ? {} : { id }) };
    });
}
