// What the client refuses before sending (API.md, "Limits and bad input"): values JSON cannot hold,
// requests over maxRequestBytes, thread ids Temporal cannot take. A refusal changes nothing.
import { Command, GraphClient, Send } from '../../../src';
import { codeOf, startSemanticsTest } from '../../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => (env = await startSemanticsTest()));
afterAll(() => env.stop());

class Money {
  constructor(readonly amount: number) {}
}

function cyclic(): object {
  const value: Record<string, unknown> = { amount: 1 };
  value.self = value;
  return value;
}

/** Values JSON cannot hold, each with what the refusal calls it. */
const NOT_JSON: Array<[string, () => unknown, string]> = [
  ['a function', () => () => 1, 'a function'],
  ['an undefined member', () => undefined, 'undefined'],
  ['NaN', () => NaN, 'NaN'],
  ['Infinity', () => Infinity, 'Infinity'],
  ['a BigInt', () => 10n, 'a BigInt'],
  ['a Map', () => new Map([['a', 1]]), 'a Map'],
  ['a Set', () => new Set([1]), 'a Set'],
  ['a Date', () => new Date(0), 'a Date'],
  ['a Uint8Array', () => new Uint8Array([1]), 'a Uint8Array'],
  ['a class instance', () => new Money(5), 'an instance of class Money'],
];

/** The events of a thread's current run: a refusal must leave none behind, and no failed workflow task. */
async function historyLength(threadId: string): Promise<number> {
  const history = await env.client.temporal.workflow.getHandle(threadId).fetchHistory();
  expect((history.events ?? []).some((e) => e.workflowTaskFailedEventAttributes)).toBe(false);
  return history.events?.length ?? 0;
}

describe('values JSON cannot hold are refused before sending, naming the path', () => {
  let threadId: string;
  const graph = () => env.client.graph('askTwice');
  beforeAll(async () => {
    threadId = env.threadId('json');
    await graph().invoke({}, env.config(threadId));
  });

  test.each(NOT_JSON)('an answer holding %s is INVALID_COMMAND and changes nothing', async (_name, make, reason) => {
    const config = env.config(threadId);
    const before = await graph().getState(config);
    const events = await historyLength(threadId);
    const answer = { type: 'edit', args: { amount: make() } };
    await expect(graph().invoke(new Command({ resume: answer }), config)).rejects.toMatchObject({
      code: 'INVALID_COMMAND',
      message: expect.stringContaining(`Command resume: $.args.amount is ${reason}`),
    });
    expect(await graph().getState(config)).toEqual(before);
    expect(await historyLength(threadId)).toBe(events);
  });

  test('an answer with a cycle is INVALID_COMMAND naming where it closes', async () => {
    await expect(graph().invoke(new Command({ resume: { items: [1, cyclic()] } }), env.config(threadId))).rejects.toMatchObject({
      code: 'INVALID_COMMAND',
      message: expect.stringContaining('$.items[1].self is a cycle'),
    });
  });

  test('a Command goto holding a Send whose arg is not JSON is INVALID_COMMAND', async () => {
    expect(await codeOf(graph().invoke(new Command({ goto: new Send('after', new Map()) }), env.config(threadId)))).toBe(
      'INVALID_COMMAND',
    );
  });

  test("a Command's update holding a Date is INVALID_UPDATE and changes nothing", async () => {
    const config = env.config(threadId);
    const before = await graph().getState(config);
    await expect(graph().invoke(new Command({ update: { note: new Date() } as never }), config)).rejects.toMatchObject({
      code: 'INVALID_UPDATE',
      message: expect.stringContaining('Command update: $.note is a Date'),
    });
    expect(await graph().getState(config)).toEqual(before);
  });

  test('updateState values holding a function are INVALID_UPDATE and write no checkpoint', async () => {
    const config = env.config(threadId);
    const history = await graph().getStateHistory(config);
    await expect(graph().updateState(config, { note: (() => 'x') })).rejects.toMatchObject({
      code: 'INVALID_UPDATE',
      message: expect.stringContaining('updateState values: $.note is a function'),
    });
    expect(await graph().getStateHistory(config)).toEqual(history);
  });

  test('updateState values holding a BigInt or a cycle are INVALID_UPDATE, not an untyped serializer error', async () => {
    const config = env.config(threadId);
    expect(await codeOf(graph().updateState(config, { note: 1n }))).toBe('INVALID_UPDATE');
    expect(await codeOf(graph().updateState(config, { note: cyclic() }))).toBe('INVALID_UPDATE');
  });

  test('input holding a Map is INVALID_UPDATE and starts no thread', async () => {
    const config = env.config(env.threadId('json-input'));
    await expect(graph().invoke({ name: new Map() }, config)).rejects.toMatchObject({
      code: 'INVALID_UPDATE',
      message: expect.stringContaining('invoke input: $.name is a Map'),
    });
    expect((await graph().getState(config)).createdAt).toBe('');
  });
});

describe('requests larger than maxRequestBytes are refused before sending', () => {
  const threeMegabytes = 'x'.repeat(3 * 1024 * 1024);

  test('a 3 MB answer is PAYLOAD_TOO_LARGE within a second, giving the size and the limit, and the thread is unchanged', async () => {
    const graph = env.client.graph('askTwice');
    const config = env.config(env.threadId('big-answer'));
    await graph.invoke({}, config);
    const before = await graph.getState(config);
    const sentAt = Date.now();
    const err = await graph.invoke(new Command({ resume: threeMegabytes }), config).catch((e: unknown) => e as Error & { code?: string });
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toMatch(/is 3,145,\d{3} bytes of JSON, over the 524,288 bytes limit \(GraphClient\.connect\(\{ maxRequestBytes \}\)\)/);
    expect(await graph.getState(config)).toEqual(before);
  });

  test('a 3 MB updateState is PAYLOAD_TOO_LARGE within a second, and the thread is unchanged', async () => {
    const graph = env.client.graph('askTwice');
    const config = env.config(env.threadId('big-update'));
    await graph.invoke({}, config);
    const before = await graph.getState(config);
    const sentAt = Date.now();
    expect(await codeOf(graph.updateState(config, { note: threeMegabytes }))).toBe('PAYLOAD_TOO_LARGE');
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    expect(await graph.getState(config)).toEqual(before);
  });

  test('maxRequestBytes sets the limit: a 2 KB answer passes by default and is refused under a 1,000-byte limit', async () => {
    const strict = await GraphClient.connect({ address: process.env.DG_TEST_ADDRESS, taskQueue: env.taskQueue, maxRequestBytes: 1_000 });
    try {
      const config = env.config(env.threadId('limit'));
      await env.client.graph('askTwice').invoke({}, config);
      const answer = 'y'.repeat(2_000);
      expect(await codeOf(strict.graph('askTwice').invoke(new Command({ resume: answer }), config))).toBe('PAYLOAD_TOO_LARGE');
      const next = await env.client.graph('askTwice').invoke(new Command({ resume: answer }), config);
      expect(next.__interrupt__).toHaveLength(1);
    } finally {
      await strict.close();
    }
  });
});

describe('thread ids: 1 to 1,000 characters and bytes of valid UTF-8', () => {
  const BAD_IDS: Array<[string, string]> = [
    ['1,001 characters', 'x'.repeat(1_001)],
    ['a lone surrogate', 'thread-\uD800'],
    ['1,002 UTF-8 bytes in 501 characters', 'é'.repeat(501)],
  ];
  const graph = () => env.client.graph('askTwice');
  const calls: Array<[string, (config: never) => Promise<unknown>]> = [
    ['invoke', (config) => graph().invoke({}, config)],
    ['stream', async (config) => {
      for await (const chunk of graph().stream({}, config)) void chunk;
    }],
    ['updateState', (config) => graph().updateState(config, { note: 'n' })],
    ['getState', (config) => graph().getState(config)],
    ['getStateHistory', (config) => graph().getStateHistory(config)],
  ];

  test.each(BAD_IDS)('a thread id of %s is INVALID_THREAD_ID for invoke, stream, updateState, getState and getStateHistory', async (_name, id) => {
    for (const [method, call] of calls) {
      const err = await call({ configurable: { thread_id: id } } as never).then(
        () => new Error(`${method} accepted the id`) as Error & { code?: string },
        (e: unknown) => e as Error & { code?: string },
      );
      expect([method, err.code]).toEqual([method, 'INVALID_THREAD_ID']);
    }
  });

  test('an empty thread id is still MISSING_THREAD_ID', async () => {
    expect(await codeOf(graph().getState({ configurable: { thread_id: '' } }))).toBe('MISSING_THREAD_ID');
  });

  test('thread ids of exactly 1,000 characters, and of exactly 1,000 UTF-8 bytes, work end to end', async () => {
    const prefix = env.threadId('max');
    const odd = (1_000 - prefix.length) % 2;
    const wide = prefix + 'x'.repeat(odd) + 'é'.repeat((1_000 - prefix.length - odd) / 2); // 'é' is 2 bytes
    for (const id of [prefix.padEnd(1_000, 'x'), wide]) {
      const config = { configurable: { thread_id: id } };
      expect(Buffer.byteLength(id)).toBe(1_000);
      const paused = await graph().invoke({}, config);
      expect(paused.__interrupt__).toHaveLength(1);
      expect((await graph().getState(config)).config.configurable.thread_id).toBe(id);
    }
  });
});
