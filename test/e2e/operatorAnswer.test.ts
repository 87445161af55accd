// Operating a thread with Temporal's own tools (issue 10, item 4): the `temporal` CLI answers a
// pending interrupt through the `durable-graph.answer` update, knowing only the interrupt id, and
// reads the thread with the `durable-graph.getState` query; every rule applies as to a client.
import { execFile } from 'node:child_process';
import type { Identity } from '../../src/engine/identity';
import { resolveTemporalBinary } from '../../src/server/temporalBinary';
import { testServerAddress } from '../helpers/harness';
import { startSemanticsTest } from '../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
let temporalCli: string;
beforeAll(async () => {
  env = await startSemanticsTest();
  temporalCli = (await resolveTemporalBinary({ log: () => undefined })).path;
});
afterAll(async () => {
  await env?.stop();
});

const alice = { id: 'alice', roles: ['sales'] }; // the requester
const carol = { id: 'carol', roles: ['finance'] };

/** `temporal workflow <args>` against the test server, JSON out (asynchronously: this process runs the worker). */
function temporal(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(temporalCli, ['workflow', ...args, '--address', testServerAddress(), '--output', 'json'], { encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? Number((err as { code?: unknown }).code ?? 1) || 1 : 0, stdout, stderr });
    });
  });
}

function answer(threadId: string, argument: unknown) {
  return temporal('update', 'execute', '--workflow-id', threadId, '--name', 'durable-graph.answer', '--input', JSON.stringify(argument));
}

async function requested(amount: number) {
  const config = env.config(env.threadId('ops'));
  const paused = await env.client.withIdentity(alice).graph('approvedPayment').invoke({ amount }, config);
  return { config, threadId: config.configurable.thread_id, id: paused.__interrupt__![0].id! };
}

test('an operator answers with `temporal workflow update execute --name durable-graph.answer`, as an allowed identity; the thread finishes', async () => {
  const { config, threadId, id } = await requested(700);
  const done = await answer(threadId, { interruptId: id, answer: 'approve', identity: carol });
  expect(done.stderr).toBe('');
  expect(done.status).toBe(0);
  expect((JSON.parse(done.stdout) as { result: unknown }).result).toMatchObject({ status: 'idle', values: { decision: 'approve', approvedBy: 'carol' } });
  const log = await env.client.graph('approvedPayment').getAuditLog(config);
  expect(log.map((e) => [e.kind, e.by.id, e.interruptIds])).toEqual([
    ['input', 'alice', undefined],
    ['resume', 'carol', [id]],
  ]);
});

test('the same rules hold: the requester is refused NOT_AUTHORIZED, a malformed argument INVALID_COMMAND, and the thread is unchanged', async () => {
  const { config, threadId, id } = await requested(800);
  const before = await env.client.graph('approvedPayment').getState(config);
  const refusals: Array<[unknown, RegExp]> = [
    [{ interruptId: id, answer: 'approve', identity: alice }, /NOT_AUTHORIZED|requester \(alice\) may not answer/],
    [{ interruptId: id, answer: 'approve' }, /anonymous|it takes answers from role finance/],
    [{ interruptId: 'abc', answer: 'approve', identity: carol }, /interruptId is the pending interrupt's id/],
    [{ interruptId: id, identity: carol }, /answer is missing/],
    [{ interruptId: id, answer: 'approve', identity: { id: 'system' } as Identity }, /reserved/],
  ];
  for (const [argument, message] of refusals) {
    const refused = await answer(threadId, argument);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr + refused.stdout).toMatch(message);
  }
  expect(await env.client.graph('approvedPayment').getState(config)).toEqual(before);
});

test('`temporal workflow query --name durable-graph.getState` reads the pending interrupt with who may answer', async () => {
  const { threadId, id } = await requested(900);
  const read = await temporal('query', '--workflow-id', threadId, '--name', 'durable-graph.getState');
  expect(read.status).toBe(0);
  const state = (JSON.parse(read.stdout) as { queryResult: Array<{ interrupts: unknown[] }> }).queryResult[0];
  expect(state.interrupts[0]).toMatchObject({ id, approvers: { roles: ['finance'], notRequester: true, requester: 'alice' }, requester: alice });
});
