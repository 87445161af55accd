// Bad input against paused threads on the real Temporal server (issue 7, "Done when"; API.md "Where
// LangGraph is inconsistent…", "Precise answers", "Limits and bad input").
//
// 1. A seeded, bounded fast-check property sends malformed answers, updates, commands and thread
//    ids at one paused thread: each is refused with a documented code (the one the contract names
//    for that case), getState is deep-equal before and after, the thread's history has no
//    WorkflowTaskFailed event, and afterwards a valid answer still works. One property for a thread
//    waiting on one question (askTwice, its first question already answered), one for a thread
//    waiting on two (parallelAsk), where an id map with an ill-formed key is one plain answer.
// 2. Concurrent duplicates: 8 clients send the same answer at once to the first of two questions
//    in one node, with either multitaskStrategy, plain and by id: exactly one wins, the others get
//    ALREADY_ANSWERED or THREAD_BUSY, and the second question is still pending, unanswered.
//
// The properties run with endOnFailure: a request wrongly accepted changes the shared thread, so
// shrinking against it would mislead; the counterexample is printed by its label instead.
import fc from 'fast-check';
import { Command, END, GraphClient, Send } from '../../src';
import type { CommandParams, Goto } from '../../src/engine/command';
import type { GraphConfig } from '../../src/client/config';
import type { RemoteGraph } from '../../src/client/remoteGraph';
import { startSemanticsTest } from '../helpers/semantics';

/** Every code a refusal of bad input may carry (API.md "Precise answers" and "Limits and bad input"). */
const DOCUMENTED = [
  'INVALID_COMMAND',
  'INVALID_UPDATE',
  'UNKNOWN_INTERRUPT_ID',
  'ALREADY_ANSWERED',
  'AMBIGUOUS_RESUME',
  'NOTHING_TO_RESUME',
  'PENDING_INTERRUPT',
  'PAYLOAD_TOO_LARGE',
  'INVALID_THREAD_ID',
  'MISSING_THREAD_ID',
  'INVALID_ANSWER',
];

const SEED = 42;
const RUNS = 150;
const MAX_REQUEST_BYTES = 512 * 1024;

let env: Awaited<ReturnType<typeof startSemanticsTest>>;
beforeAll(async () => (env = await startSemanticsTest()), 30_000);
afterAll(() => env.stop());

// ---- what the property sends ---------------------------------------------------------------

/** The paused thread a case is sent at. */
interface Target {
  graph: RemoteGraph;
  threadId: string;
  /** Ids pending now. */
  pending: string[];
  /** Ids of this thread already answered. */
  answered: string[];
  /** Declared channels, and the graph's nodes. */
  channels: string[];
  nodes: string[];
}

type Strategy = 'reject' | 'enqueue' | undefined;

/** One bad request: what it is (printed as the counterexample), what it does, and the codes the contract allows for it. */
interface Case {
  label: string;
  expected: string[];
  send(target: Target, strategy: Strategy): Promise<unknown>;
}

function bad(label: string, expected: string[], send: Case['send']): Case {
  return { label, expected, send, [fc.toStringMethod]: () => `${label} → ${expected.join('|')}` } as Case;
}

function config(threadId: unknown, strategy: Strategy): GraphConfig {
  return { configurable: { thread_id: threadId as string }, ...(strategy ? { multitaskStrategy: strategy } : {}) };
}

const resume = (value: unknown) => (t: Target, s: Strategy) => t.graph.invoke(new Command({ resume: value }), config(t.threadId, s));
const command = (params: { resume?: unknown; update?: unknown; goto?: Goto }) => (t: Target, s: Strategy) => t.graph.invoke(new Command(params as CommandParams), config(t.threadId, s));

class Money {
  constructor(readonly amount: number) {}
}

/** Values JSON cannot hold (built fresh for each send), by what they are. */
const NOT_JSON: Array<[string, () => unknown]> = [
  ['a function', () => () => 1],
  ['undefined', () => undefined],
  ['NaN', () => NaN],
  ['Infinity', () => Infinity],
  ['-Infinity', () => -Infinity],
  ['a BigInt', () => BigInt(10)],
  ['a Symbol', () => Symbol('s')],
  ['a Map', () => new Map([['a', 1]])],
  ['a Set', () => new Set([1])],
  ['a Date', () => new Date(0)],
  ['a Uint8Array', () => new Uint8Array([1, 2])],
  ['a class instance', () => new Money(5)],
  ['a sparse array', () => new Array<unknown>(2)],
  [
    'an object cycle',
    () => {
      const o: Record<string, unknown> = { a: 1 };
      o.self = o;
      return o;
    },
  ],
  [
    'an array cycle',
    () => {
      const a: unknown[] = [1];
      a.push({ back: a });
      return a;
    },
  ],
];

type Step = { key: string } | { index: number; fill: unknown[] };

/** A value JSON cannot hold, somewhere inside plain JSON: its printable path and a builder. */
const notJson: fc.Arbitrary<{ where: string; make: () => unknown }> = fc
  .record({
    leaf: fc.constantFrom(...NOT_JSON),
    path: fc.array(
      fc.oneof(
        fc.record({ key: fc.string({ maxLength: 6 }) }),
        fc.record({ index: fc.nat(2), fill: fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 2, maxLength: 2 }) }),
      ) as fc.Arbitrary<Step>,
      { maxLength: 3 },
    ),
  })
  .map(({ leaf: [name, makeLeaf], path }) => ({
    where: `${name} at $${path.map((s) => ('key' in s ? `.${JSON.stringify(s.key)}` : `[${s.index}]`)).join('')}`,
    make: () =>
      path.reduceRight<unknown>((inner, step) => {
        if ('key' in step) return { [step.key]: inner }; // computed key: '__proto__' stays an own property
        const array = [...step.fill.slice(0, step.index), inner];
        return array;
      }, makeLeaf()),
  }));

/** Sizes over the default 512 KiB request limit, counted in UTF-8 bytes (an 'é' is two). */
const oversized: fc.Arbitrary<{ what: string; make: () => string }> = fc.oneof(
  fc.integer({ min: MAX_REQUEST_BYTES, max: 3 * 1024 * 1024 }).map((n) => ({ what: `${n} ASCII chars`, make: () => 'x'.repeat(n) })),
  // fewer characters than the limit, more bytes: the limit is in bytes
  fc.integer({ min: MAX_REQUEST_BYTES / 2 + 1024, max: MAX_REQUEST_BYTES - 1024 }).map((n) => ({ what: `${n} 'é' (${2 * n} bytes)`, make: () => 'é'.repeat(n) })),
);

/** Keys no state has: Object.prototype's names, '__proto__' as an own key (JSON.parse), and random ones. */
function unknownKey(channels: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', '__defineGetter__', 'toLocaleString'),
    fc.string({ maxLength: 12 }).filter((k) => !channels.includes(k)),
  );
}

/** `{ [key]: value, ...valid }` with the key an own property even when it is '__proto__'. */
function withKey(key: string, value: unknown, valid: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...valid, ...(JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`) as Record<string, unknown>) };
}

const hexId = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 });
const answer = fc.jsonValue({ maxDepth: 2 }).filter((v) => v !== null);
const strategy: fc.Arbitrary<Strategy> = fc.constantFrom(undefined, 'reject', 'enqueue');

const short = (id: string) => `${id.slice(0, 6)}…`;

/** Cases that are bad for any paused thread; `valid` is a legal answer for it (an id map or a plain one). */
function commonCases(t: Target, validAnswer: () => unknown): fc.Arbitrary<Case> {
  const [channelA] = t.channels;
  const known = new Set([...t.pending, ...t.answered]);
  const unknownId = hexId.filter((id) => !known.has(id));
  const notANode = fc.string({ maxLength: 10 }).filter((n) => !t.nodes.includes(n) && n !== '__start__' && n !== '__end__');
  const badThreadId: fc.Arbitrary<{ what: string; id: unknown; expected: string[] }> = fc.oneof(
    fc.constant<{ what: string; id: unknown; expected: string[] }>({ what: 'an empty thread id', id: '', expected: ['MISSING_THREAD_ID'] }),
    fc.constantFrom(undefined, null).map((id) => ({ what: `thread_id ${String(id)}`, id, expected: ['MISSING_THREAD_ID'] })),
    fc.constantFrom(42, ['x'], { id: 'x' }).map((id) => ({ what: `thread_id ${JSON.stringify(id)}`, id, expected: ['INVALID_THREAD_ID', 'MISSING_THREAD_ID'] })),
    fc.integer({ min: 1_001, max: 5_000 }).map((n) => ({ what: `a ${n}-char thread id`, id: t.threadId.padEnd(n, 'x'), expected: ['INVALID_THREAD_ID'] })),
    fc.record({ at: fc.nat(t.threadId.length), unit: fc.integer({ min: 0xd800, max: 0xdfff }) }).map(({ at, unit }) => ({
      what: `the thread id with a lone surrogate \\u${unit.toString(16)} at ${at}`,
      id: t.threadId.slice(0, at) + String.fromCharCode(unit) + t.threadId.slice(at),
      expected: ['INVALID_THREAD_ID'],
    })),
  );
  const overLimit = (what: string, send: (big: string) => (t: Target, s: Strategy) => Promise<unknown>, alsoRefusedAs: string[] = []) =>
    oversized.map(({ what: size, make }) => bad(`${what} of ${size}`, ['PAYLOAD_TOO_LARGE', ...alsoRefusedAs], (t2, s) => send(make())(t2, s)));

  return fc.oneof(
    // answers
    fc.constantFrom(
      bad('resume: null', ['INVALID_COMMAND'], resume(null)),
      bad('resume: undefined', ['INVALID_COMMAND'], resume(undefined)),
      bad('Command({})', ['INVALID_COMMAND'], command({})),
      bad('Command({ update: undefined })', ['INVALID_COMMAND'], command({ update: undefined })),
      bad('Command({ goto: undefined })', ['INVALID_COMMAND'], command({ goto: undefined })),
    ),
    fc.constantFrom(...t.pending).map((id) => bad(`resume { <pending ${short(id)}>: null }`, ['INVALID_COMMAND'], resume({ [id]: null }))),
    fc.record({ id: fc.constantFrom(...t.pending), bad: notJson }).map(({ id, bad: nj }) =>
      bad(`resume { <pending ${short(id)}>: ${nj.where} }`, ['INVALID_COMMAND'], (t2, s) => resume({ [id]: nj.make() })(t2, s)),
    ),
    notJson.map((nj) => bad(`resume: ${nj.where}`, ['INVALID_COMMAND'], (t2, s) => resume(nj.make())(t2, s))),
    fc.record({ id: unknownId, value: answer }).map(({ id, value }) =>
      bad(`resume { <unknown ${short(id)}>: ${JSON.stringify(value)} }`, ['UNKNOWN_INTERRUPT_ID'], resume({ [id]: value })),
    ),
    fc.record({ id: unknownId, value: answer }).map(({ id, value }) =>
      bad(`resume every pending id plus <unknown ${short(id)}>`, ['UNKNOWN_INTERRUPT_ID'], resume({ ...(validAnswer() as object), [id]: value })),
    ),
    ...(t.answered.length
      ? [
          fc.record({ id: fc.constantFrom(...t.answered), value: answer }).map(({ id, value }) =>
            bad(`resume { <answered ${short(id)}>: ${JSON.stringify(value)} }`, ['ALREADY_ANSWERED'], resume({ [id]: value })),
          ),
          fc.record({ id: fc.constantFrom(...t.answered), value: answer }).map(({ id, value }) =>
            bad(`resume every pending id plus <answered ${short(id)}>`, ['ALREADY_ANSWERED'], resume({ ...(validAnswer() as object), [id]: value })),
          ),
          fc.record({ a: fc.constantFrom(...t.answered), u: unknownId }).map(({ a, u }) =>
            bad(`resume { <answered ${short(a)}>, <unknown ${short(u)}> }`, ['ALREADY_ANSWERED', 'UNKNOWN_INTERRUPT_ID'], resume({ [a]: 'x', [u]: 'y' })),
          ),
        ]
      : []),
    // commands
    fc
      .constantFrom<[string, ConstructorParameters<typeof Command>[0], string[]]>(
        ...t.nodes.map((n): [string, ConstructorParameters<typeof Command>[0], string[]] => [`goto ${n}`, { goto: n }, ['PENDING_INTERRUPT']]),
        ['goto END', { goto: END }, ['PENDING_INTERRUPT']],
        ['goto all nodes', { goto: t.nodes }, ['PENDING_INTERRUPT']],
        ['goto []', { goto: [] }, ['PENDING_INTERRUPT', 'INVALID_COMMAND']],
        ['goto a Send', { goto: new Send(t.nodes[t.nodes.length - 1], {}) }, ['PENDING_INTERRUPT']],
        ['goto with a valid update', { goto: t.nodes[0], update: { [channelA]: 'via goto' } }, ['PENDING_INTERRUPT']],
      )
      .map(([what, params, codes]) => bad(`Command ${what} while waiting`, codes, command(params))),
    notANode.map((n) => bad(`Command goto unknown node ${JSON.stringify(n)} while waiting`, ['PENDING_INTERRUPT', 'INVALID_COMMAND'], command({ goto: n }))),
    notJson.map((nj) => bad(`Command goto Send with arg ${nj.where}`, ['INVALID_COMMAND'], (t2, s) => command({ goto: new Send(t.nodes[0], nj.make()) })(t2, s))),
    // Command updates
    fc.record({ key: unknownKey(t.channels), withValid: fc.boolean() }).map(({ key, withValid }) =>
      bad(`Command update with unknown key ${JSON.stringify(key)}${withValid ? ' beside a valid one' : ''}`, ['INVALID_UPDATE'], (t2, s) =>
        command({ update: withKey(key, 1, withValid ? { [channelA]: 'leak' } : {}) })(t2, s),
      ),
    ),
    fc.record({ key: unknownKey(t.channels) }).map(({ key }) =>
      bad(`Command resume (valid) + update with unknown key ${JSON.stringify(key)}`, ['INVALID_UPDATE'], (t2, s) =>
        command({ resume: validAnswer(), update: withKey(key, 1, { [channelA]: 'leak' }) })(t2, s),
      ),
    ),
    unknownId.map((id) =>
      bad(`Command resume { <unknown ${short(id)}> } + valid update`, ['UNKNOWN_INTERRUPT_ID'], command({ resume: { [id]: 'x' }, update: { [channelA]: 'leak' } })),
    ),
    fc.constant(bad('Command resume null + valid update', ['INVALID_COMMAND'], command({ resume: null, update: { [channelA]: 'leak' } }))),
    // a Command whose update is not an object: a bad update in a command, so either code fits the contract
    fc.constantFrom(42, 'text', true).map((v) => bad(`Command update ${JSON.stringify(v)}`, ['INVALID_UPDATE', 'INVALID_COMMAND'], command({ update: v }))),
    notJson.map((nj) => bad(`Command update { ${channelA}: ${nj.where} }`, ['INVALID_UPDATE'], (t2, s) => command({ update: { [channelA]: nj.make() } })(t2, s))),
    notJson.map((nj) =>
      bad(`Command resume (valid) + update { ${channelA}: ${nj.where} }`, ['INVALID_UPDATE'], (t2, s) => command({ resume: validAnswer(), update: { [channelA]: nj.make() } })(t2, s)),
    ),
    // new input while waiting
    fc.constant(bad('new input while waiting', ['PENDING_INTERRUPT'], (t2, s) => t2.graph.invoke({ [channelA]: 'new' }, config(t2.threadId, s)))),
    unknownKey(t.channels).map((key) =>
      bad(`new input with unknown key ${JSON.stringify(key)}`, ['INVALID_UPDATE', 'PENDING_INTERRUPT'], (t2, s) => t2.graph.invoke(withKey(key, 1), config(t2.threadId, s))),
    ),
    // two faults (not JSON, and new input while waiting): either code is true
    notJson.map((nj) => bad(`new input { ${channelA}: ${nj.where} }`, ['INVALID_UPDATE', 'PENDING_INTERRUPT'], (t2, s) => t2.graph.invoke({ [channelA]: nj.make() }, config(t2.threadId, s)))),
    // updateState
    fc.record({ key: unknownKey(t.channels), withValid: fc.boolean(), asNode: fc.constantFrom(undefined, ...t.nodes) }).map(({ key, withValid, asNode }) =>
      bad(
        `updateState with unknown key ${JSON.stringify(key)}${withValid ? ' beside a valid one' : ''}${asNode ? ` as ${asNode}` : ''}`,
        ['INVALID_UPDATE'],
        (t2, s) => t2.graph.updateState(config(t2.threadId, s), withKey(key, 1, withValid ? { [channelA]: 'leak' } : {}), { asNode }),
      ),
    ),
    fc.constantFrom<unknown>(42, 0, 'text', '', true, false, [], [1, 2], undefined).map((v) =>
      bad(`updateState values ${v === undefined ? 'undefined' : JSON.stringify(v)}`, ['INVALID_UPDATE'], (t2, s) => t2.graph.updateState(config(t2.threadId, s), v as never)),
    ),
    notANode.map((n) =>
      bad(`updateState asNode unknown ${JSON.stringify(n)}`, ['INVALID_UPDATE'], (t2, s) => t2.graph.updateState(config(t2.threadId, s), { [channelA]: 'leak' }, { asNode: n })),
    ),
    fc.constantFrom<unknown>(42, null, {}).map((n) =>
      bad(`updateState asNode ${JSON.stringify(n)}`, ['INVALID_UPDATE'], (t2, s) => t2.graph.updateState(config(t2.threadId, s), { [channelA]: 'leak' }, { asNode: n as string })),
    ),
    answer.map((v) =>
      bad(`updateState asNode END with values { ${channelA}: ${JSON.stringify(v)} }`, ['INVALID_UPDATE'], (t2, s) =>
        t2.graph.updateState(config(t2.threadId, s), { [channelA]: v }, { asNode: END }),
      ),
    ),
    notJson.map((nj) =>
      bad(`updateState { ${channelA}: ${nj.where} }`, ['INVALID_UPDATE'], (t2, s) => t2.graph.updateState(config(t2.threadId, s), { [channelA]: nj.make() })),
    ),
    // oversized requests
    // otherwise valid, except where noted: a plain answer while several wait is also ambiguous, new input while waiting also pending
    overLimit('a plain answer', (big) => resume(big), t.pending.length > 1 ? ['AMBIGUOUS_RESUME'] : []),
    overLimit('an answer by id', (big) => resume({ ...(validAnswer() as object), [t.pending[0]]: big })),
    overLimit('a Command update', (big) => command({ update: { [channelA]: big } })),
    overLimit('an updateState', (big) => (t2, s) => t2.graph.updateState(config(t2.threadId, s), { [channelA]: big })),
    overLimit('new input', (big) => (t2, s) => t2.graph.invoke({ [channelA]: big }, config(t2.threadId, s)), ['PENDING_INTERRUPT']),
    // thread ids (each call is otherwise valid)
    fc
      .record({
        tid: badThreadId,
        call: fc.constantFrom<[string, (g: RemoteGraph, c: GraphConfig) => Promise<unknown>]>(
          ['a valid answer', (g, c) => g.invoke(new Command({ resume: validAnswer() }), c)],
          ['invoke(null)', (g, c) => g.invoke(null, c)],
          ['new input', (g, c) => g.invoke({}, c)],
          ['updateState', (g, c) => g.updateState(c, { [channelA]: 'x' })],
          ['getState', (g, c) => g.getState(c)],
          ['getStateHistory', (g, c) => g.getStateHistory(c)],
          [
            'stream',
            async (g, c) => {
              for await (const chunk of g.stream(new Command({ resume: validAnswer() }), c)) void chunk;
            },
          ],
        ),
      })
      .map(({ tid, call: [what, call] }) => bad(`${what} with ${tid.what}`, tid.expected, (t2, s) => call(t2.graph, config(tid.id, s)))),
  );
}

/** Keys that are not interrupt ids (not 32 lowercase hex), near misses of `id` included. */
function illFormedKey(id: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(id.toUpperCase(), id.slice(1), `${id}0`, ` ${id}`, `${id}\n`, `${id.slice(0, 31)}g`, '', 'id', '0'.repeat(31), 'x'.repeat(32)),
    fc.string({ maxLength: 40 }).filter((k) => !/^[0-9a-f]{32}$/.test(k)),
  ).filter((k) => k !== id);
}

// ---- the harness around a property ---------------------------------------------------------

interface Refusal {
  code?: unknown;
  message: string;
}

async function refusalOf(promise: Promise<unknown>): Promise<Refusal | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    return { code: (err as { code?: unknown }).code, message: err instanceof Error ? err.message : String(err) };
  }
}

async function workflowTaskFailures(threadId: string): Promise<string[]> {
  const history = await env.client.temporal.workflow.getHandle(threadId).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes).map((e) => e.workflowTaskFailedEventAttributes?.failure?.message ?? '(no message)');
}

/** Runs the property at `target`: every case refused with its code, nothing changed, no workflow task failed. */
async function checkRefusals(target: Target, cases: fc.Arbitrary<Case>): Promise<void> {
  const config0 = config(target.threadId, undefined);
  const baseline = await target.graph.getState(config0);
  await fc.assert(
    fc.asyncProperty(cases, strategy, async (c, s) => {
      const before = await target.graph.getState(config0);
      const refusal = await refusalOf(c.send(target, s));
      const where = `${c.label} (multitaskStrategy ${s ?? 'default'})`;
      if (!refusal) throw new Error(`${where}: accepted, but it must be refused with ${c.expected.join(' or ')}`);
      if (typeof refusal.code !== 'string' || !DOCUMENTED.includes(refusal.code) || !c.expected.includes(refusal.code)) {
        throw new Error(`${where}: refused with code ${String(refusal.code)}, expected ${c.expected.join(' or ')}; message: ${refusal.message.slice(0, 300)}`);
      }
      expect(await target.graph.getState(config0)).toEqual(before);
      expect(await workflowTaskFailures(target.threadId)).toEqual([]);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  expect(await target.graph.getState(config0)).toEqual(baseline);
}

// ---- 1. the property -----------------------------------------------------------------------

describe('malformed answers, updates, commands and thread ids at a paused thread are refused with a code and change nothing', () => {
  test(
    'a thread waiting on its second question (the first answered)',
    async () => {
      const graph = env.client.graph('askTwice');
      const threadId = env.threadId('prop-one');
      const first = await graph.invoke({}, env.config(threadId));
      const firstId = first.__interrupt__![0].id!;
      const second = await graph.invoke(new Command({ resume: 'Ada' }), env.config(threadId));
      const secondId = second.__interrupt__![0].id!;
      const target: Target = { graph, threadId, pending: [secondId], answered: [firstId], channels: ['name', 'role', 'note', 'seenNote', 'log'], nodes: ['ask', 'after'] };

      await checkRefusals(target, commonCases(target, () => ({ [secondId]: 'admin' })));

      // the thread goes on: a valid answer reaches the waiting node, and nothing refused leaked in
      const done = await graph.invoke(new Command({ resume: 'admin' }), env.config(threadId));
      expect(done.__interrupt__).toBeUndefined();
      expect(done).toMatchObject({ name: 'Ada', role: 'admin', log: ['asked', 'after'] });
      expect(done.note).toBeUndefined();
      expect(done.seenNote).toBeUndefined();
      expect(await workflowTaskFailures(threadId)).toEqual([]);
    },
    90_000,
  );

  test(
    'a thread waiting on two questions at once: ill-formed id maps are one plain answer, refused as ambiguous',
    async () => {
      const graph = env.client.graph('parallelAsk');
      const threadId = env.threadId('prop-two');
      const paused = await graph.invoke({}, env.config(threadId));
      const [idA, idB] = paused.__interrupt__!.map((i) => i.id!);
      const target: Target = { graph, threadId, pending: [idA, idB], answered: [], channels: ['a', 'b', 'log'], nodes: ['askA', 'askB', 'quiet', 'c'] };
      const both = () => ({ [idA]: 'A', [idB]: 'B' });

      const ambiguous = fc.oneof(
        answer.map((v) => bad(`plain answer ${JSON.stringify(v)} while two wait`, ['AMBIGUOUS_RESUME'], resume(v))),
        fc.constant(bad('resume {} while two wait', ['AMBIGUOUS_RESUME'], resume({}))),
        fc.record({ key: illFormedKey(idA), value: answer, withValid: fc.boolean() }).map(({ key, value, withValid }) =>
          bad(
            `resume { ${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}: … }${withValid ? ' beside both valid ids' : ''} (a plain answer)`,
            ['AMBIGUOUS_RESUME'],
            resume({ ...(withValid ? both() : {}), ...withKey(key, value) }),
          ),
        ),
        fc.constant(bad('resume { <A>: null, <B>: "B" }', ['INVALID_COMMAND'], resume({ [idA]: null, [idB]: 'B' }))),
      );
      await checkRefusals(target, fc.oneof(commonCases(target, both), ambiguous));

      const done = await graph.invoke(new Command({ resume: both() }), env.config(threadId));
      expect(done.__interrupt__).toBeUndefined();
      expect(done).toMatchObject({ a: 'A', b: 'B' });
      expect([...(done.log as string[])].sort()).toEqual(['a', 'b', 'c', 'quiet']);
      expect(await workflowTaskFailures(threadId)).toEqual([]);
    },
    90_000,
  );
});

// ---- 2. concurrent duplicates --------------------------------------------------------------

describe('8 clients send the same answer at once to the first of two questions in one node', () => {
  const CLIENTS = 8;
  const ROUNDS = 5;
  let clients: GraphClient[];
  beforeAll(async () => {
    clients = await Promise.all(Array.from({ length: CLIENTS }, () => GraphClient.connect({ address: process.env.DG_TEST_ADDRESS, taskQueue: env.taskQueue })));
  }, 30_000);
  afterAll(() => Promise.all(clients.map((c) => c.close())));

  const combos: Array<['reject' | 'enqueue', 'plain' | 'by id']> = [
    ['reject', 'plain'],
    ['reject', 'by id'],
    ['enqueue', 'plain'],
    ['enqueue', 'by id'],
  ];

  test.each(combos)(
    'multitaskStrategy %s, answer %s: exactly one wins, the rest get ALREADY_ANSWERED or THREAD_BUSY, the second question stays unanswered',
    async (multitaskStrategy, how) => {
      for (let round = 0; round < ROUNDS; round++) {
        const threadId = env.threadId(`dup-${multitaskStrategy}-${how === 'plain' ? 'plain' : 'id'}`);
        const graph = env.client.graph('askTwice');
        const first = await graph.invoke({}, env.config(threadId));
        const firstId = first.__interrupt__![0].id!;
        const answer = how === 'plain' ? 'Ada' : { [firstId]: 'Ada' };
        const cfg: GraphConfig = { configurable: { thread_id: threadId }, multitaskStrategy };

        const settled = await Promise.allSettled(clients.map((c) => c.graph('askTwice').invoke(new Command({ resume: answer }), cfg)));

        const wins = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        // every outcome and the thread afterwards, so that a failure shows what happened
        const outcomes = settled.map((r) =>
          r.status === 'fulfilled'
            ? `won: ${JSON.stringify(r.value)}`
            : `${String((r.reason as { code?: unknown }).code)}: ${String((r.reason as Error).message).slice(0, 160)}`,
        );
        const state = await graph.getState(env.config(threadId));
        const secondId = state.interrupts[0]?.id;
        const taskFailures = await workflowTaskFailures(threadId);
        const problems = [
          ...taskFailures.map((f) => `a workflow task failed: ${f}`),
          ...(wins.length === 1 ? [] : [`${wins.length} calls succeeded, expected exactly 1`]),
          ...outcomes.filter((o) => !o.startsWith('won: ') && !/^(ALREADY_ANSWERED|THREAD_BUSY): /.test(o)).map((o) => `a loser got ${o}`),
          // the second question is still pending and nothing answered it (the node did not finish)
          ...(state.status === 'interrupted' ? [] : [`status ${state.status}, expected interrupted`]),
          ...(JSON.stringify(state.next) === '["ask"]' ? [] : [`next ${JSON.stringify(state.next)}, expected ["ask"]`]),
          ...(state.interrupts.length === 1 && secondId !== firstId && JSON.stringify(state.interrupts[0].value) === '{"question":"role?"}'
            ? []
            : [`interrupts ${JSON.stringify(state.interrupts)}, expected only the second question`]),
          ...(state.values.name === undefined && state.values.role === undefined ? [] : [`values ${JSON.stringify(state.values)}: the node received a second answer`]),
          ...wins
            .filter((w) => JSON.stringify(w.__interrupt__) !== JSON.stringify([{ id: secondId, value: { question: 'role?' } }]))
            .map((w) => `a winner did not see the pending second question: ${JSON.stringify(w)}`),
        ];
        if (problems.length) {
          throw new Error(
            `Round ${round + 1}, thread ${threadId} (first question ${firstId}):\n  ${problems.join('\n  ')}\n` +
              `What each client got:\n  ${outcomes.join('\n  ')}\nState afterwards: ${JSON.stringify({ status: state.status, next: state.next, values: state.values, interrupts: state.interrupts })}`,
          );
        }
        // the node got exactly one answer to each question
        const done = await graph.invoke(new Command({ resume: 'admin' }), env.config(threadId));
        expect(done).toMatchObject({ name: 'Ada', role: 'admin', log: ['asked', 'after'] });
        expect(done.__interrupt__).toBeUndefined();
      }
    },
    60_000,
  );
});
