// interrupt() inside a conditional edge's router (issue 8, item 5).
import { Command } from '../../src';
import { startSemanticsTest } from '../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => {
  env = await startSemanticsTest();
});
afterAll(async () => {
  await env?.stop();
});

test("a router that asks pauses the thread in its node, sees the node's own writes, and the answer picks the route", async () => {
  const config = env.config(env.threadId('router'));
  const graph = env.client.graph('askingRouter');
  const paused = await graph.invoke({}, config);
  expect(paused.__interrupt__).toEqual([{ id: expect.stringMatching(/^[0-9a-f]{32}$/), value: { question: 'Which way?', plan: 'migrate the database' } }]);
  const waiting = await graph.getState(config);
  expect(waiting.next).toEqual(['decide']);
  expect([waiting.status, waiting.interrupts]).toMatchObject(['interrupted', paused.__interrupt__!]);
  // invoke and getState agree while the router waits: the node's writes are kept once it routes.
  const { __interrupt__: _pending, ...shown } = paused;
  expect(shown).toEqual(waiting.values);
  const done = await graph.invoke(new Command({ resume: 'careful' }), config);
  expect(done).toEqual({ plan: 'migrate the database', took: 'careful' });
});
