// Thread lifecycle (issue 9, item 5): graphWorkflow(graph, { idleTtl }) closes a thread's workflow
// once it has rested idle that long, keeping its final state; any request reopens it from that state.
import { Command } from '../../src';
import { codeOf, startSemanticsTest } from '../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => {
  env = await startSemanticsTest();
});
afterAll(async () => {
  await env?.stop();
});

/** The status of the thread's latest workflow run, once it is `wanted` (idleChat's idleTtl is 1 s). */
async function runStatus(threadId: string, wanted: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { status } = await env.client.temporal.workflow.getHandle(threadId).describe();
    if (status.name === wanted || Date.now() > deadline) return status.name;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('an idle thread closes keeping its final state; getState answers from it; the next input reopens it, multi-turn intact, and the audit log spans both runs', async () => {
  const config = env.config(env.threadId('chat'));
  const threadId = config.configurable.thread_id;
  const graph = env.client.graph('idleChat');
  await graph.invoke({ turn: 'hello' }, config);
  expect(await runStatus(threadId, 'COMPLETED')).toBe('COMPLETED');
  const closed = await graph.getState(config);
  expect(closed).toMatchObject({ status: 'idle', values: { turn: 'hello', log: ['reply to hello'] } });

  const second = await graph.invoke({ turn: 'again' }, config);
  expect(second.log).toEqual(['reply to hello', 'reply to again']);
  const steps = (await graph.getStateHistory(config)).map((checkpoint) => checkpoint.metadata.step);
  expect(steps).toEqual([4, 3, 2, 1, 0, -1]); // both turns' checkpoints survived the closing

  const log = await graph.getAuditLog(config);
  expect(log.map((e) => [e.kind, e.values])).toEqual([
    ['input', { turn: 'hello' }],
    ['input', { turn: 'again' }],
  ]);
  expect(new Set(log.map((e) => e.runId)).size).toBe(2);
});

test('a Command or updateState sent to a closed thread reopens it too; a resume there is refused NOTHING_TO_RESUME with the state unchanged', async () => {
  const config = env.config(env.threadId('reopen'));
  const threadId = config.configurable.thread_id;
  const graph = env.client.graph('idleChat');
  await graph.invoke({ turn: 'one' }, config);
  expect(await runStatus(threadId, 'COMPLETED')).toBe('COMPLETED');
  const before = await graph.getState(config);
  expect(await codeOf(graph.invoke(new Command({ resume: 'yes' }), config))).toBe('NOTHING_TO_RESUME');
  expect(await graph.getState(config)).toEqual(before);

  expect(await runStatus(threadId, 'COMPLETED')).toBe('COMPLETED');
  const went = await graph.invoke(new Command({ goto: 'reply', update: { turn: 'two' } }), config);
  expect(went.log).toEqual(['reply to one', 'reply to two']);

  expect(await runStatus(threadId, 'COMPLETED')).toBe('COMPLETED');
  await graph.updateState(config, { log: ['noted'] });
  expect((await graph.getState(config)).values.log).toEqual(['reply to one', 'reply to two', 'noted']);
});

test('a thread waiting for an answer does not close; once answered and idle, it does', async () => {
  const config = env.config(env.threadId('waits'));
  const threadId = config.configurable.thread_id;
  const graph = env.client.graph('idleChat');
  await graph.invoke({ turn: 'pay', ask: true }, config);
  await new Promise((r) => setTimeout(r, 2_000)); // twice idleTtl
  expect((await env.client.temporal.workflow.getHandle(threadId).describe()).status.name).toBe('RUNNING');
  const done = await graph.invoke(new Command({ resume: 'yes' }), config);
  expect(done.log).toEqual(['pay: yes']);
  expect(await runStatus(threadId, 'COMPLETED')).toBe('COMPLETED');
});
