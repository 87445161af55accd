import { Command } from '../../../src';
import { GraphTestEnv, startGraphTest } from '../../helpers/harness';

let env: GraphTestEnv;
beforeAll(async () => (env = await startGraphTest()));
afterAll(() => env.stop());

test('the graph pauses before b and after c with an empty __interrupt__, and invoke(null) steps through', async () => {
  const config = env.config(env.threadId('bp'));
  const graph = env.client.graph('breakpoints');

  const beforeB = await graph.invoke({}, config);
  expect(beforeB).toEqual({ log: ['a'], __interrupt__: [] });
  const atB = await graph.getState(config);
  expect(atB.status).toBe('interrupted');
  expect(atB.next).toEqual(['b']);
  expect(atB.tasks).toEqual([expect.objectContaining({ name: 'b', interrupts: [] })]);
  expect(atB.interrupts).toEqual([]);

  const afterC = await graph.invoke(null, config);
  expect(afterC).toEqual({ log: ['a', 'b', 'c'], __interrupt__: [] });
  const atEnd = await graph.getState(config);
  expect(atEnd.status).toBe('interrupted');
  expect(atEnd.next).toEqual([]);

  const done = await graph.invoke(null, config);
  expect(done).toEqual({ log: ['a', 'b', 'c'] });
  expect((await graph.getState(config)).status).toBe('idle');
});

test('Command({ resume }) at a static breakpoint is refused with NOTHING_TO_RESUME and changes nothing', async () => {
  const config = env.config(env.threadId('bp'));
  const graph = env.client.graph('breakpoints');
  await graph.invoke({}, config);
  const before = await graph.getState(config);
  await expect(graph.invoke(new Command({ resume: 'go' }), config)).rejects.toMatchObject({ code: 'NOTHING_TO_RESUME' });
  const after = await graph.getState(config);
  expect(after.values).toEqual({ log: ['a'] });
  expect(after.next).toEqual(['b']);
  expect(after.config).toEqual(before.config);
});

test('a per-call interruptBefore replaces the compiled breakpoints for that call', async () => {
  const config = env.config(env.threadId('bp'));
  const graph = env.client.graph('breakpoints');
  const paused = await graph.invoke({}, { ...config, interruptBefore: ['a'], interruptAfter: [] });
  expect(paused).toEqual({ log: [], __interrupt__: [] });
  expect((await graph.getState(config)).next).toEqual(['a']);
  const next = await graph.invoke(null, config);
  expect(next).toEqual({ log: ['a'], __interrupt__: [] });
  expect((await graph.getState(config)).next).toEqual(['b']);
});

test('new input at the pause after the last node starts the next run, which stops before b again', async () => {
  const config = env.config(env.threadId('bp'));
  const graph = env.client.graph('breakpoints');
  await graph.invoke({}, config);
  await graph.invoke(null, config);
  expect((await graph.getState(config)).next).toEqual([]);
  const next = await graph.invoke({ log: ['turn 2'] }, config);
  expect(next).toEqual({ log: ['a', 'b', 'c', 'turn 2', 'a'], __interrupt__: [] });
  expect((await graph.getState(config)).next).toEqual(['b']);
});
