import { Command } from '../../src';
import { GraphTestEnv, startGraphTest } from '../helpers/harness';

let env: GraphTestEnv;
beforeAll(async () => (env = await startGraphTest()));
afterAll(() => env.stop());

test('code before interrupt() runs once: the activity called before the question is not repeated on resume', async () => {
  const threadId = env.threadId('once');
  const config = env.config(threadId);
  const graph = env.client.graph('holdThenConfirm');
  const paused = await graph.invoke({ item: 'seat 14C' }, config);
  expect(paused.__interrupt__).toEqual([{ id: expect.any(String), value: { question: 'Confirm the booking? (held: seat 14C)' } }]);
  expect(env.effects(threadId)).toHaveLength(1);

  const done = await graph.invoke(new Command({ resume: 'yes' }), config);
  expect(done).toMatchObject({ hold: 'held: seat 14C', confirmed: true });
  // LangGraph re-runs the node from its first line on resume and would hold the seat twice.
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([['holdReservation', { item: 'seat 14C' }]]);
});
