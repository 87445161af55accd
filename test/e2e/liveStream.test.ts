// Live streaming (issue 8, item 2): events arrive as they happen, and a reader that reconnects with
// the last event id continues exactly.
import { Command } from '../../src';
import type { GraphStream } from '../../src/client/remoteGraph';
import { codeOf, startSemanticsTest } from '../helpers/semantics';

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => {
  env = await startSemanticsTest();
});
afterAll(async () => {
  await env?.stop();
});

/** Reads chunks until `until` accepts one (inclusive), leaving the stream open. */
async function readUntil(stream: GraphStream, until: (chunk: unknown) => boolean): Promise<unknown[]> {
  const chunks: unknown[] = [];
  for (;;) {
    const next = await stream.next();
    if (next.done) throw new Error(`the stream ended before the chunk looked for; it gave ${JSON.stringify(chunks)}`);
    chunks.push(next.value);
    if (until(next.value)) return chunks;
  }
}

async function rest(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const chunks: unknown[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const isUpdateOf = (node: string) => (chunk: unknown) => Array.isArray(chunk) && chunk[0] === 'updates' && Object.hasOwn(chunk[1] as object, node);

async function waitForCall(call: string): Promise<void> {
  for (let i = 0; i < 200 && !env.calls.includes(call); i++) await new Promise((r) => setTimeout(r, 25));
  expect(env.calls).toContain(call);
}

test("the first node's update arrives while the next node is still inside a slow activity", async () => {
  const gate = env.threadId('gate');
  const config = env.config(env.threadId('live'));
  const stream = env.client.graph('liveStream').stream({ gate }, { ...config, streamMode: ['updates', 'custom'] });
  const early = await readUntil(stream, isUpdateOf('first'));
  expect(early).toEqual([
    ['custom', { progress: 'first done' }],
    ['updates', { first: { log: ['first'] } }],
  ]);
  await waitForCall(`waiting:${gate}`);
  expect((await env.client.graph('liveStream').getState(config)).status).toBe('running'); // the activity holds
  env.control.gates.add(gate);
  const later = await rest(stream);
  expect(later).toEqual([
    ['updates', { held: { log: [`passed ${gate}`] } }],
    ['updates', { __interrupt__: [{ id: expect.stringMatching(/^[0-9a-f]{32}$/), value: 'go on?' }] }],
  ]);
});

test('a reader that reconnects with the last event id gets exactly the events after it, and joinStream without one replays the run from its start', async () => {
  const gate = env.threadId('gate');
  const config = env.config(env.threadId('rejoin'));
  const graph = env.client.graph('liveStream');
  const modes = ['values', 'updates', 'custom', 'debug'] as const;
  const stream = graph.stream({ gate }, { ...config, streamMode: [...modes] });
  const before = await readUntil(stream, isUpdateOf('first'));
  const lastEventId = stream.lastEventId!;
  expect(lastEventId).toMatch(/^[1-9][0-9]*$/);
  await stream.return(undefined); // the reader goes away (a closed tab, a lost connection)
  await waitForCall(`waiting:${gate}`);
  env.control.gates.add(gate);
  const after = await rest(graph.joinStream(config, { lastEventId, streamMode: [...modes] }));
  const whole = await rest(graph.joinStream(config, { streamMode: [...modes] }));
  expect([...before, ...after]).toEqual(whole);
  expect(after.length).toBeGreaterThan(0);
  expect(after.at(-1)).toEqual(['values', { __interrupt__: [expect.objectContaining({ value: 'go on?' })] }]);
  // Joining after the last event: nothing more, and the stream ends (the run has paused).
  const tail = graph.joinStream(config, {});
  expect(await rest(tail)).toHaveLength(whole.length);
});

test('a resume streams the current state first, then the rest of the run', async () => {
  const gate = env.threadId('gate');
  env.control.gates.add(gate);
  const config = env.config(env.threadId('resume'));
  const graph = env.client.graph('liveStream');
  await graph.invoke({ gate }, config);
  const chunks = await rest(graph.stream(new Command({ resume: 'yes' }), { ...config, streamMode: ['values', 'updates'] }));
  expect(chunks).toEqual([
    ['values', { gate, log: ['first', `passed ${gate}`] }],
    ['updates', { ask: { log: ['answer: yes'] } }],
    ['values', { gate, log: ['first', `passed ${gate}`, 'answer: yes'] }],
  ]);
});

test('a refused call ends its stream with the refusal, and a failing node with its failure, after the events before it', async () => {
  const graph = env.client.graph('liveStream');
  expect(await codeOf(rest(graph.stream(new Command({ resume: 'x' }), env.config(env.threadId('never')))))).toBe('NOTHING_TO_RESUME');
  const config = env.config(env.threadId('fails'));
  const failing = env.client.graph('failAfterAnswer');
  await failing.invoke({}, config);
  env.control.failing = true;
  try {
    const seen: unknown[] = [];
    const streamed = (async () => {
      for await (const chunk of failing.stream(new Command({ resume: 'go' }), { ...config, streamMode: 'values' })) seen.push(chunk);
    })();
    expect(await codeOf(streamed)).toBe('NODE_FAILED');
    expect(seen).toEqual([{}]); // the state it went on from, then the failure
  } finally {
    env.control.failing = false;
  }
});

test('bad stream options are refused with a typed error before anything is sent', async () => {
  const graph = env.client.graph('liveStream');
  const config = env.config(env.threadId('bad'));
  expect(await codeOf(rest(graph.joinStream(config, { lastEventId: 'abc' })))).toBe('INVALID_EVENT_ID');
  expect(await codeOf(rest(graph.joinStream(config, { lastEventId: '0' })))).toBe('INVALID_EVENT_ID');
  expect(() => graph.stream({}, { ...config, streamMode: 'tokens' as never })).toThrow(/streamMode "tokens" is not one of/);
  expect(await rest(graph.joinStream(config))).toEqual([]); // a thread that never ran has no stream to join
});
