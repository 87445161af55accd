import { Command, END } from '../../../src';
import { codeOf, startSemanticsTest } from '../../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => (env = await startSemanticsTest()));
afterAll(() => env.stop());

test('updateState without asNode while a node waits keeps the interrupt (same id) and the node sees the edit', async () => {
  const config = env.config(env.threadId('edit'));
  const graph = env.client.graph('askTwice');
  const paused = await graph.invoke({}, config);
  const written = await graph.updateState(config, { note: 'edited while waiting' });
  expect(written.configurable.checkpoint_id).toMatch(/^[0-9a-f]{32}$/);
  const state = await graph.getState(config);
  expect(state.interrupts).toMatchObject(paused.__interrupt__!);
  expect(state.values.note).toBe('edited while waiting');
  expect(state.metadata.source).toBe('update');
  await graph.invoke(new Command({ resume: 'Ada' }), config);
  const done = await graph.invoke(new Command({ resume: 'dev' }), config);
  expect(done.seenNote).toBe('edited while waiting');
});

test('updateState as the waiting node cancels its question and its values stand as the output', async () => {
  const config = env.config(env.threadId('asnode'));
  const graph = env.client.graph('askTwice');
  await graph.invoke({}, config);
  await graph.updateState(config, { name: 'typed by hand', log: ['by hand'] }, { asNode: 'ask' });
  const state = await graph.getState(config);
  expect(state.interrupts).toEqual([]);
  expect(state.next).toEqual(['after']);
  expect(state.values).toMatchObject({ name: 'typed by hand', log: ['by hand'] });
  expect(state.status).toBe('idle');
  const done = await graph.invoke(null, config);
  expect(done.log).toEqual(['by hand', 'after']);
  expect(done.__interrupt__).toBeUndefined();
});

test('updateState(null, { asNode: END }) drops all pending work and keeps finished siblings', async () => {
  const config = env.config(env.threadId('ignore'));
  const graph = env.client.graph('parallelAsk');
  await graph.invoke({}, config);
  await graph.updateState(config, null, { asNode: END });
  const state = await graph.getState(config);
  expect(state.next).toEqual([]);
  expect(state.tasks).toEqual([]);
  expect(state.interrupts).toEqual([]);
  expect(state.values.log).toEqual(['quiet']);
  const after = await graph.invoke(null, config);
  expect(after.log).toEqual(['quiet']);
  expect(after.__interrupt__).toBeUndefined();
});

test('bad updates are refused as INVALID_UPDATE and change nothing', async () => {
  const config = env.config(env.threadId('badupd'));
  const graph = env.client.graph('askTwice');
  await graph.invoke({}, config);
  const before = await graph.getState(config);
  expect(await codeOf(graph.updateState(config, { nope: 1 }))).toBe('INVALID_UPDATE');
  expect(await codeOf(graph.updateState(config, { note: 'x' }, { asNode: 'ghost' }))).toBe('INVALID_UPDATE');
  expect(await codeOf(graph.updateState(config, { note: 'x' }, { asNode: END }))).toBe('INVALID_UPDATE');
  expect(await codeOf(graph.updateState(config, { note: 'x' }, { asNode: 'after' }))).toBe('INVALID_UPDATE');
  expect(await codeOf(graph.invoke(new Command({ update: { nope: 1 } }), config))).toBe('INVALID_UPDATE');
  expect(await graph.getState(config)).toEqual(before);
});

test('Command({ update, resume }) applies the update first, then answers', async () => {
  const config = env.config(env.threadId('cmdupd'));
  const graph = env.client.graph('askTwice');
  await graph.invoke({}, config);
  await graph.invoke(new Command({ resume: 'Ada' }), config);
  const done = await graph.invoke(new Command({ update: { note: 'with answer' }, resume: 'ops' }), config);
  expect(done).toMatchObject({ role: 'ops', seenNote: 'with answer' });
});

test('a node that fails after an answer leaves the thread in error; invoke(null) runs it again and it asks again', async () => {
  const config = env.config(env.threadId('fail'));
  const graph = env.client.graph('failAfterAnswer');
  const first = await graph.invoke({}, config);
  env.control.failing = true;
  try {
    await expect(graph.invoke(new Command({ resume: 'pay' }), config)).rejects.toMatchObject({
      code: 'NODE_FAILED',
      message: expect.stringMatching(/Node "act" failed.*downstream refused pay/),
    });
  } finally {
    env.control.failing = false;
  }
  const failed = await graph.getState(config);
  expect(failed.status).toBe('error');
  expect(failed.next).toEqual(['act']);
  expect(failed.tasks[0].error?.code).toBe('NODE_FAILED');
  const again = await graph.invoke(null, config);
  expect(again.__interrupt__).toHaveLength(1);
  expect(again.__interrupt__![0].id).not.toBe(first.__interrupt__![0].id);
  const done = await graph.invoke(new Command({ resume: 'pay-again' }), config);
  expect(done).toMatchObject({ answer: 'pay-again', result: 'ok:pay-again' });
});

test('updateState can fix the state of a failed thread before invoke(null) retries', async () => {
  const config = env.config(env.threadId('fix'));
  const graph = env.client.graph('failAfterAnswer');
  await graph.invoke({}, config);
  env.control.failing = true;
  await expect(graph.invoke(new Command({ resume: 'x' }), config)).rejects.toMatchObject({ code: 'NODE_FAILED' });
  env.control.failing = false;
  await graph.updateState(config, { result: 'fixed by hand' }, { asNode: 'act' });
  const state = await graph.getState(config);
  expect(state.status).toBe('idle');
  expect(state.values.result).toBe('fixed by hand');
  expect(state.next).toEqual([]);
});

test('a node that fails while a second question of its own still waits reports the failure, and invoke(null) asks again', async () => {
  const config = env.config(env.threadId('both'));
  const graph = env.client.graph('twoAtOnce');
  const paused = await graph.invoke({}, config);
  const [a, b] = paused.__interrupt__!.map((i) => i.id!);
  await expect(graph.invoke(new Command({ resume: { [a]: 'boom' } }), config)).rejects.toMatchObject({ code: 'NODE_FAILED', message: expect.stringContaining('the first answer broke the node') });
  const failed = await graph.getState(config);
  expect(failed.status).toBe('error');
  expect(failed.next).toEqual(['both']);
  const again = await graph.invoke(null, config);
  const ids = again.__interrupt__!.map((i) => i.id!);
  expect(ids).toHaveLength(2);
  expect(ids).not.toContain(a);
  expect(ids).not.toContain(b);
  const done = await graph.invoke(new Command({ resume: { [ids[0]]: 'x', [ids[1]]: 'y' } }), config);
  expect(done.out).toEqual(['x', 'y']);
});
