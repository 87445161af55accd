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
