import { Command } from '../../../src';
import { codeOf, startSemanticsTest } from '../../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => (env = await startSemanticsTest()));
afterAll(() => env.stop());

test('each interrupt() call in a node has its own 32-hex id and answers arrive in call order', async () => {
  const config = env.config(env.threadId('ask'));
  const graph = env.client.graph('askTwice');
  const first = await graph.invoke({}, config);
  const firstId = first.__interrupt__![0].id;
  expect(firstId).toMatch(/^[0-9a-f]{32}$/);
  const second = await graph.invoke(new Command({ resume: 'Ada' }), config);
  const secondId = second.__interrupt__![0].id;
  expect(secondId).toMatch(/^[0-9a-f]{32}$/);
  expect(secondId).not.toBe(firstId);
  expect(second.__interrupt__).toEqual([{ id: secondId, value: { question: 'role?' } }]);
  const state = await graph.getState(config);
  expect(state.next).toEqual(['ask']);
  expect(state.interrupts).toMatchObject([{ id: secondId, value: { question: 'role?' }, raisedAt: expect.any(String) }]);
  const done = await graph.invoke(new Command({ resume: 'admin' }), config);
  expect(done).toMatchObject({ name: 'Ada', role: 'admin', log: ['asked', 'after'] });
  expect(done.__interrupt__).toBeUndefined();
});

test('code before interrupt() runs once: the activity before the question is not repeated on resume', async () => {
  const threadId = env.threadId('once');
  const config = env.config(threadId);
  const graph = env.client.graph('askTwice');
  const before = env.calls.filter((c) => c === 'before-ask').length;
  await graph.invoke({}, config);
  await graph.invoke(new Command({ resume: 'x' }), config);
  await graph.invoke(new Command({ resume: 'y' }), config);
  expect(env.calls.filter((c) => c === 'before-ask').length - before).toBe(1);
});

test.each([0, '', false])('the falsy answer %p is a valid answer', async (answer) => {
  const config = env.config(env.threadId('falsy'));
  const graph = env.client.graph('askTwice');
  await graph.invoke({}, config);
  await graph.invoke(new Command({ resume: answer }), config);
  const done = await graph.invoke(new Command({ resume: answer }), config);
  expect(done.name).toBe(answer);
  expect(done.role).toBe(answer);
});

test('interrupts in parallel nodes are pending together, each with its id, and the join runs once', async () => {
  const config = env.config(env.threadId('par'));
  const graph = env.client.graph('parallelAsk');
  const paused = await graph.invoke({}, config);
  expect(paused.log).toEqual(['quiet']); // the sibling that finished keeps its write
  const ids = paused.__interrupt__!.map((i) => i.id!);
  expect(paused.__interrupt__!.map((i) => i.value)).toEqual(['a?', 'b?']);
  expect(new Set(ids).size).toBe(2);
  const half = await graph.invoke(new Command({ resume: { [ids[1]]: 'B' } }), config);
  expect(half.__interrupt__).toEqual([{ id: ids[0], value: 'a?' }]);
  expect((await graph.getState(config)).next).toEqual(['askA']);
  const done = await graph.invoke(new Command({ resume: { [ids[0]]: 'A' } }), config);
  expect(done).toMatchObject({ a: 'A', b: 'B' });
  expect((done.log as string[]).filter((l) => l === 'c')).toHaveLength(1);
});

test('one plain answer while several interrupts wait is refused as AMBIGUOUS_RESUME and changes nothing', async () => {
  const config = env.config(env.threadId('amb'));
  const graph = env.client.graph('parallelAsk');
  await graph.invoke({}, config);
  const before = await graph.getState(config);
  expect(await codeOf(graph.invoke(new Command({ resume: 'both' }), config))).toBe('AMBIGUOUS_RESUME');
  expect(await graph.getState(config)).toEqual(before);
});

describe('refused resumes change nothing', () => {
  test('an unknown interrupt id is UNKNOWN_INTERRUPT_ID; an answered one is ALREADY_ANSWERED', async () => {
    const config = env.config(env.threadId('ids'));
    const graph = env.client.graph('askTwice');
    const first = await graph.invoke({}, config);
    const firstId = first.__interrupt__![0].id!;
    await graph.invoke(new Command({ resume: { [firstId]: 'Ada' } }), config);
    const before = await graph.getState(config);
    expect(await codeOf(graph.invoke(new Command({ resume: { [firstId]: 'again' } }), config))).toBe('ALREADY_ANSWERED');
    expect(await codeOf(graph.invoke(new Command({ resume: { ['0'.repeat(32)]: 'x' } }), config))).toBe('UNKNOWN_INTERRUPT_ID');
    expect(await codeOf(graph.invoke(new Command({}), config))).toBe('INVALID_COMMAND');
    expect(await codeOf(graph.invoke(new Command({ resume: null }), config))).toBe('INVALID_COMMAND');
    expect(await codeOf(graph.invoke({ name: 'new input' }, config))).toBe('PENDING_INTERRUPT');
    expect(await codeOf(graph.invoke(new Command({ goto: 'after' }), config))).toBe('PENDING_INTERRUPT');
    expect(await graph.getState(config)).toEqual(before);
  });

  test('resuming a finished thread is NOTHING_TO_RESUME; invoke(null) returns its final values and runs nothing', async () => {
    const config = env.config(env.threadId('done'));
    const graph = env.client.graph('askTwice');
    await graph.invoke({}, config);
    await graph.invoke(new Command({ resume: 'a' }), config);
    const done = await graph.invoke(new Command({ resume: 'b' }), config);
    const history = await graph.getStateHistory(config);
    expect(await codeOf(graph.invoke(new Command({ resume: 'c' }), config))).toBe('NOTHING_TO_RESUME');
    expect(await graph.invoke(null, config)).toEqual(done);
    expect(await graph.getStateHistory(config)).toEqual(history);
  });

  test('invoke(null) on a thread that never ran is NOTHING_TO_RESUME and creates nothing', async () => {
    const config = env.config(env.threadId('never'));
    const graph = env.client.graph('askTwice');
    expect(await codeOf(graph.invoke(null, config))).toBe('NOTHING_TO_RESUME');
    expect(await codeOf(graph.invoke(new Command({ resume: 'x' }), config))).toBe('NOTHING_TO_RESUME');
    expect((await graph.getState(config)).values).toEqual({});
  });

  test('invoke(null) while a question waits returns the same pause with the same id', async () => {
    const config = env.config(env.threadId('same'));
    const graph = env.client.graph('askTwice');
    const first = await graph.invoke({}, config);
    const again = await graph.invoke(null, config);
    expect(again.__interrupt__).toEqual(first.__interrupt__);
  });

  test('a missing thread_id is MISSING_THREAD_ID', async () => {
    const graph = env.client.graph('askTwice');
    expect(await codeOf(graph.invoke({}, { configurable: {} } as never))).toBe('MISSING_THREAD_ID');
  });
});

test('an interrupt value JSON cannot hold fails the node with an error that names it', async () => {
  const config = env.config(env.threadId('bad'));
  const graph = env.client.graph('badInterrupt');
  await expect(graph.invoke({}, config)).rejects.toMatchObject({ code: 'NODE_FAILED', message: expect.stringContaining('interrupt() in node "odd"') });
  const state = await graph.getState(config);
  expect(state.status).toBe('error');
  expect(state.next).toEqual(['odd']);
  expect(state.tasks[0].error?.message).toContain('Date');
});
