import { carriedData } from '../../../../src/runtime/core/checkpointLog';
import type { ThreadState } from '../../../../src/runtime/core/data';
import { eventsAfter, hasEventsAfter, keepLatestRequest, recordEvent, type EventLog } from '../../../../src/runtime/core/eventLog';
import { EVENT_LOG_BYTES } from '../../../../src/runtime/core/limits';
import type { StreamEvent, StreamMode } from '../../../../src/runtime/protocol';
import { afterInput, askingGraph, deepFreeze, runRequest, withActive } from './threadFixtures';

const graph = askingGraph();
const custom = (chunk: unknown): StreamEvent => ({ mode: 'custom', chunk });
const big = (kib: number): StreamEvent => custom('x'.repeat(kib * 1024));

async function streaming(modes: StreamMode[] = ['custom'], state?: ThreadState): Promise<ThreadState> {
  return withActive(state ?? (await afterInput(graph, {})), runRequest(null, { streamMode: modes }));
}

function requestIdOf(state: ThreadState): string {
  return state.data.mailbox.active!.request.requestId;
}

function log(state: ThreadState): EventLog {
  return state.data.events!;
}

describe('recordEvent', () => {
  test('events of the modes the request asked for are numbered from 1, as copies', async () => {
    let state = deepFreeze(await streaming(['custom', 'values']));
    const chunk = { n: 1 };
    state = recordEvent(state, custom(chunk));
    chunk.n = 2;
    state = recordEvent(state, { mode: 'values', chunk: { a: 1 } });
    expect(log(state).events.map((e) => [e.seq, e.mode, e.chunk])).toEqual([
      [1, 'custom', { n: 1 }],
      [2, 'values', { a: 1 }],
    ]);
    expect(log(state).nextSeq).toBe(3);
  });

  test('modes the request did not ask for, and requests that stream nothing, record nothing', async () => {
    const state = await streaming(['values']);
    expect(recordEvent(state, custom(1))).toBe(state);
    const plain = withActive(await afterInput(graph, {}));
    expect(recordEvent(plain, custom(1))).toBe(plain);
    const idle = await afterInput(graph, {});
    expect(recordEvent(idle, custom(1))).toBe(idle);
  });

  test('over EVENT_LOG_BYTES the oldest go, the request is marked as having lost events, and the newest always stays', async () => {
    let state = await streaming();
    for (let i = 0; i < 10; i++) state = recordEvent(state, big(60));
    const kept = log(state).events;
    expect(kept.reduce((n, e) => n + e.size, 0)).toBeLessThanOrEqual(EVENT_LOG_BYTES);
    expect(kept.at(-1)!.seq).toBe(10);
    expect(log(state).droppedThrough).toBe(kept[0].seq - 1);
    expect(log(state).lost).toEqual([requestIdOf(state)]);
    state = recordEvent(state, big(300));
    expect(log(state).events.map((e) => e.seq)).toEqual([11]);
  });
});

describe('eventsAfter', () => {
  test('reads a request from its start, then after a cursor, within a byte budget (at least one event)', async () => {
    let state = await streaming();
    for (let i = 1; i <= 5; i++) state = recordEvent(state, custom(i));
    const requestId = requestIdOf(state);
    expect(eventsAfter(log(state), { requestId }, 1e6).events.map((e) => e.chunk)).toEqual([1, 2, 3, 4, 5]);
    expect(eventsAfter(log(state), { requestId, after: 3 }, 1e6).events.map((e) => e.chunk)).toEqual([4, 5]);
    expect(eventsAfter(log(state), { requestId, after: 0 }, 2).events.map((e) => e.chunk)).toEqual([1, 2]);
    expect(eventsAfter(log(state), { requestId, after: 0 }, 0).events.map((e) => e.chunk)).toEqual([1]);
    expect(hasEventsAfter(log(state), requestId, 4)).toBe(true);
    expect(hasEventsAfter(log(state), requestId, 5)).toBe(false);
  });

  test('without a request, a cursor finds the request of the event it names; without either, the latest', async () => {
    let first = await streaming();
    first = recordEvent(first, custom('a'));
    let second = await streaming(['custom'], { data: first.data });
    second = recordEvent(second, custom('b'));
    expect(eventsAfter(log(second), {}, 1e6)).toMatchObject({ requestId: requestIdOf(second), events: [{ chunk: 'b' }] });
    expect(eventsAfter(log(second), { after: 1 }, 1e6)).toMatchObject({ requestId: requestIdOf(first), events: [] });
    expect(eventsAfter(undefined, {}, 1e6)).toEqual({ events: [] });
  });

  test('a reader behind what was dropped is told the stream expired', async () => {
    let state = await streaming();
    for (let i = 0; i < 6; i++) state = recordEvent(state, big(60));
    const requestId = requestIdOf(state);
    expect(eventsAfter(log(state), { requestId }, 1e6)).toEqual({ requestId, events: [], expired: true });
    expect(eventsAfter(log(state), { after: 1 }, 1e6)).toEqual({ events: [], expired: true });
    const last = log(state).events.at(-2)!.seq;
    expect(eventsAfter(log(state), { requestId, after: last }, 1e6).events).toHaveLength(1);
  });
});

describe('keepLatestRequest and carriedData', () => {
  test("a settled request's events replace the older requests', whose readers are told they expired", async () => {
    let first = await streaming();
    first = recordEvent(first, custom('a'));
    let second = await streaming(['custom'], { data: first.data });
    second = recordEvent(second, custom('b'));
    const kept = keepLatestRequest(second, requestIdOf(second));
    expect(log(kept).events.map((e) => e.chunk)).toEqual(['b']);
    expect(eventsAfter(log(kept), { requestId: requestIdOf(first) }, 1e6).expired).toBe(true);
    expect(keepLatestRequest(kept, requestIdOf(second))).toBe(kept);
  });

  test('continue-as-new carries the log strictly within its budget: an event larger than it stays behind, and numbering goes on', async () => {
    let state = await streaming();
    state = recordEvent(state, custom('small'));
    state = recordEvent(state, big(300));
    const carried = carriedData(state.data).events!;
    expect(carried.events).toEqual([]);
    expect(carried.nextSeq).toBe(3);
    expect(carried.lost).toEqual([requestIdOf(state)]);
  });
});
