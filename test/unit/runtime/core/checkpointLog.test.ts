import { START } from '../../../../src/engine/constants';
import type { Values } from '../../../../src/engine/state';
import { appendCheckpoint, arrivedData, carriedData, findCheckpoint, type NewCheckpoint } from '../../../../src/runtime/core/checkpointLog';
import { cloneData } from '../../../../src/runtime/core/cloneData';
import { newThreadData, type ThreadData } from '../../../../src/runtime/core/data';
import { CHECKPOINT_LOG_BYTES } from '../../../../src/runtime/core/limits';
import { INTERRUPT_ID } from '../../../../src/runtime/ids';
import { afterInput, askingGraph, deepFreeze, NOW, runStep, State, THREAD_ID } from './threadFixtures';

const KiB = 1024;

function entry(values: Values, step = 0): NewCheckpoint {
  return { step, source: 'loop', values, next: [{ node: 'plan' }], joins: {} };
}

/** A log of `count` checkpoints whose state holds `bytes` characters each (the thread's values follow the head). */
function logOf(count: number, bytes: number, data: ThreadData = newThreadData(State.spec)): ThreadData {
  let d = data;
  for (let i = 0; i < count; i++) {
    const values = { topic: `${i}:`.padEnd(bytes, 'x'), log: [] };
    d = { ...appendCheckpoint(d, THREAD_ID, entry(values, i), NOW), values };
  }
  return d;
}

const olderBytes = (data: ThreadData) => data.checkpoints.slice(0, -1).reduce((n, c) => n + c.size, 0);

describe('appendCheckpoint', () => {
  test('a checkpoint gets a deterministic 32-hex id, no parent when it is the first, and the size of its JSON', () => {
    const data = deepFreeze(newThreadData(State.spec));
    const appended = appendCheckpoint(data, THREAD_ID, entry({ topic: 'a', log: [] }), NOW);
    const [first] = appended.checkpoints;
    expect(first.id).toMatch(INTERRUPT_ID);
    expect(appendCheckpoint(data, THREAD_ID, entry({ topic: 'a', log: [] }), NOW).checkpoints[0].id).toBe(first.id);
    expect(appendCheckpoint(data, 'another-thread', entry({ topic: 'a', log: [] }), NOW).checkpoints[0].id).not.toBe(first.id);
    expect(first.parentId).toBeUndefined();
    expect(first.createdAt).toBe(NOW);
    const { size, ...rest } = first;
    expect(size).toBe(JSON.stringify(rest).length);
    expect(appended.checkpointSeq).toBe(data.checkpointSeq + 1);
  });

  test('each checkpoint names the one before it as its parent and gets a new id', () => {
    const data = logOf(3, 10);
    const [a, b, c] = data.checkpoints;
    expect(b.parentId).toBe(a.id);
    expect(c.parentId).toBe(b.id);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
  });

  test('the checkpoint holds a copy: changing what it was given afterwards changes nothing', () => {
    const values = { topic: 'a', log: ['one'] };
    const e: NewCheckpoint = { ...entry(values), writes: { plan: { log: ['one'] } }, joins: { 0: ['plan'] } };
    const appended = appendCheckpoint(newThreadData(State.spec), THREAD_ID, e, NOW);
    values.log.push('two');
    (e.writes!.plan as { log: string[] }).log.push('two');
    e.joins[0].push('ask');
    e.next.push({ node: 'ask' });
    expect(appended.checkpoints[0]).toEqual(expect.objectContaining({ values: { topic: 'a', log: ['one'] }, writes: { plan: { log: ['one'] } }, joins: { 0: ['plan'] }, next: [{ node: 'plan' }] }));
  });

  test('appending changes nothing of the data it is given', () => {
    const data = deepFreeze(logOf(2, 10));
    const before = structuredClone(data);
    appendCheckpoint(data, THREAD_ID, entry({ topic: 'b', log: [] }), NOW);
    expect(data).toEqual(before);
  });

  test('the log drops the oldest checkpoints once the older ones together exceed CHECKPOINT_LOG_BYTES', () => {
    const data = logOf(12, 100 * KiB);
    const kept = data.checkpoints;
    expect(kept.length).toBeLessThan(12);
    expect(olderBytes(data)).toBeLessThanOrEqual(CHECKPOINT_LOG_BYTES);
    // The newest ones are kept, in order, up to the budget: one more would not fit.
    expect(kept.map((c) => c.step)).toEqual(Array.from({ length: kept.length }, (_, i) => 12 - kept.length + i));
    expect(olderBytes(data) + kept[0].size).toBeGreaterThan(CHECKPOINT_LOG_BYTES);
  });

  test('a small state offers a long history', () => {
    expect(logOf(200, 10).checkpoints).toHaveLength(200);
  });

  test('the head is kept whatever its size, and the older ones that fit beside it stay', () => {
    const small = logOf(2, 10);
    const big = { topic: 'x'.repeat(CHECKPOINT_LOG_BYTES + 100 * KiB), log: [] };
    const withBig = appendCheckpoint(small, THREAD_ID, entry(big, 2), NOW);
    expect(withBig.checkpoints).toHaveLength(3);
    expect(withBig.checkpoints.at(-1)!.values).toEqual(big);
  });

  test('a head larger than the budget is dropped once it is no longer the head', () => {
    const small = logOf(2, 10);
    const withBig = appendCheckpoint(small, THREAD_ID, entry({ topic: 'x'.repeat(CHECKPOINT_LOG_BYTES), log: [] }, 2), NOW);
    const after = appendCheckpoint(withBig, THREAD_ID, entry({ topic: 'small again', log: [] }, 3), NOW);
    expect(after.checkpoints.map((c) => c.step)).toEqual([3]);
    expect(after.checkpoints[0].parentId).toBe(withBig.checkpoints.at(-1)!.id);
  });
});

describe('findCheckpoint', () => {
  test('finds a kept checkpoint by id, and nothing for an unknown or inherited name', () => {
    const data = logOf(3, 10);
    expect(findCheckpoint(data, data.checkpoints[1].id)).toBe(data.checkpoints[1]);
    expect(findCheckpoint(data, 'f'.repeat(32))).toBeUndefined();
    expect(findCheckpoint(data, 'toString')).toBeUndefined();
  });
});

describe('carriedData and arrivedData (continue-as-new)', () => {
  const roundTrip = (data: ThreadData) => arrivedData(JSON.parse(JSON.stringify(carriedData(data))) as ThreadData);

  test('the JSON round trip of continue-as-new gives back the same data', async () => {
    const graph = askingGraph();
    const data = (await runStep(graph, await afterInput(graph, { topic: 'refund', log: ['a'] }), { plan: { log: 'planned' } })).data;
    expect(roundTrip(deepFreeze(data))).toEqual(data);
  });

  test('the head state is sent once, not twice', () => {
    const data = logOf(3, 10);
    const payload = 'only-once-'.padEnd(10 * KiB, 'y');
    const values = { topic: payload, log: [] };
    const withHead = { ...appendCheckpoint(data, THREAD_ID, entry(values, 3), NOW), values };
    const sent = JSON.stringify(carriedData(withHead));
    expect(sent.split(payload).length - 1).toBe(1);
    expect(roundTrip(withHead)).toEqual(withHead);
  });

  test('when the thread values differ from the head (an update during a step), both are carried', () => {
    const data = logOf(2, 10);
    const changed = { ...data, values: { topic: 'edited meanwhile', log: [] } };
    expect(carriedData(changed)).toBe(changed);
    expect(roundTrip(changed)).toEqual(changed);
  });

  test('a thread without checkpoints is carried as it is', () => {
    const data = newThreadData(State.spec);
    expect(carriedData(data)).toBe(data);
    expect(arrivedData(data)).toBe(data);
  });

  test('carriedData changes nothing of the data it is given', () => {
    const data = deepFreeze(logOf(2, 10));
    const before = structuredClone(data);
    carriedData(data);
    expect(data).toEqual(before);
  });
});

describe('cloneData', () => {
  test('a deep copy of JSON data; undefined stays undefined', () => {
    const value = { next: [{ node: START, arg: { a: [1] } }] };
    const copy = cloneData(value);
    expect(copy).toEqual(value);
    expect(copy.next[0].arg).not.toBe(value.next[0].arg);
    expect(cloneData(undefined)).toBeUndefined();
  });
});
