// Stream chunks shaped as LangGraph.js's at a pause and in debug mode (issue 8, item 3).
import { startSemanticsTest } from '../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => {
  env = await startSemanticsTest();
});
afterAll(async () => {
  await env?.stop();
});

async function collect(graphName: string, input: Record<string, unknown>, streamMode: Parameters<ReturnType<typeof env.client.graph>['stream']>[1]['streamMode']) {
  const chunks: unknown[] = [];
  for await (const chunk of env.client.graph(graphName).stream(input, { ...env.config(env.threadId('shape')), streamMode })) chunks.push(chunk);
  return chunks;
}

test('with updates and values asked for, the pause appears under each of them', async () => {
  const chunks = await collect('parallelAsk', {}, ['updates', 'values']);
  const pauses = chunks.filter((c) => (c as [string, Record<string, unknown>])[1].__interrupt__);
  expect(pauses.map((c) => (c as [string])[0])).toEqual(['updates', 'values']);
  expect((pauses[0] as [string, { __interrupt__: unknown[] }])[1].__interrupt__).toHaveLength(2);
});

test('custom mode alone adds no __interrupt__ chunk of its own', async () => {
  expect(await collect('parallelAsk', {}, 'custom')).toEqual([]);
});

test('debug mode has task, task_result and checkpoint events with LangGraph fields', async () => {
  const chunks = (await collect('counter', { target: 1 }, 'debug')) as Array<{ type: string; step: number; timestamp: string; payload: Record<string, unknown> }>;
  expect(chunks.map((c) => c.type)).toEqual(['checkpoint', 'task', 'task_result', 'checkpoint']);
  const [, task, result, last] = chunks;
  expect(task).toMatchObject({ step: 1, payload: { name: 'inc', input: { count: 0, target: 1 } } });
  expect(result).toMatchObject({ step: 1, payload: { id: task.payload.id, name: 'inc', result: { count: 1 }, interrupts: [] } });
  expect(last).toMatchObject({ step: 1, payload: { values: { count: 1, target: 1 }, next: [], metadata: { source: 'loop', step: 1 } } });
  expect(Date.parse(last.timestamp)).not.toBeNaN();
});

test('in debug mode a task that waits reports its interrupts and no result', async () => {
  const chunks = (await collect('parallelAsk', {}, 'debug')) as Array<{ type: string; payload: { result?: unknown; interrupts?: Array<{ id: string }> } }>;
  const waiting = chunks.filter((c) => c.type === 'task_result');
  expect(waiting).toHaveLength(2);
  for (const w of waiting) expect(w.payload).toMatchObject({ result: {}, interrupts: [{ id: expect.stringMatching(/^[0-9a-f]{32}$/) }] });
});
