import { Command } from '../../../src';
import { GraphTestEnv, startGraphTest } from '../../helpers/harness';

let env: GraphTestEnv;
beforeAll(async () => (env = await startGraphTest()));
afterAll(() => env.stop());

const PAUSE = { value: { reason: 'Refund of 250 is over the limit of 100; set flag to allow it', amount: 250 } };

test('a NodeInterrupt pauses the node; once the human sets the flag, invoke(null) runs the node again', async () => {
  const threadId = env.threadId('flag');
  const config = env.config(threadId);
  const graph = env.client.graph('nodeInterruptFlag');

  const paused = await graph.invoke({ amount: 250 }, config);
  expect(paused.__interrupt__).toEqual([PAUSE]);
  const waiting = await graph.getState(config);
  expect(waiting.status).toBe('interrupted');
  expect(waiting.next).toEqual(['refund']);
  expect(waiting.tasks).toEqual([expect.objectContaining({ name: 'refund', interrupts: [PAUSE] })]);
  expect(env.effects(threadId)).toHaveLength(0);

  await graph.updateState(config, { flag: true });
  const flagged = await graph.getState(config);
  expect(flagged.values).toMatchObject({ amount: 250, flag: true });
  expect(flagged.next).toEqual(['refund']);
  expect(env.effects(threadId)).toHaveLength(0); // updateState runs nothing

  const done = await graph.invoke(null, config);
  expect(done.__interrupt__).toBeUndefined();
  expect(done).toMatchObject({ amount: 250, flag: true, result: 'executed: refund 250' });
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([['executeAction', { action: 'refund 250' }]]);
  expect((await graph.getState(config)).status).toBe('idle');
});

test('invoke(null) without the flag runs the node again and it pauses again', async () => {
  const threadId = env.threadId('flag');
  const config = env.config(threadId);
  const graph = env.client.graph('nodeInterruptFlag');
  await graph.invoke({ amount: 250 }, config);
  const again = await graph.invoke(null, config);
  expect(again.__interrupt__).toEqual([PAUSE]);
  expect((await graph.getState(config)).next).toEqual(['refund']);
  expect(env.effects(threadId)).toHaveLength(0);
});

test('Command({ resume }) after a NodeInterrupt is refused with NOTHING_TO_RESUME', async () => {
  const config = env.config(env.threadId('flag'));
  const graph = env.client.graph('nodeInterruptFlag');
  await graph.invoke({ amount: 250 }, config);
  await expect(graph.invoke(new Command({ resume: 'ok' }), config)).rejects.toMatchObject({ code: 'NOTHING_TO_RESUME' });
  expect((await graph.getState(config)).status).toBe('interrupted');
});

test('an amount within the limit never pauses', async () => {
  const threadId = env.threadId('flag');
  const done = await env.client.graph('nodeInterruptFlag').invoke({ amount: 40 }, env.config(threadId));
  expect(done).toEqual({ amount: 40, result: 'executed: refund 40' });
  expect(env.effects(threadId)).toHaveLength(1);
});
