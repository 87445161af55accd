import type { Mailbox } from '../../../../src/runtime/core/data';
import { MAX_OUTCOMES } from '../../../../src/runtime/core/limits';
import { activateNext, enqueue, knowsRequest, settle } from '../../../../src/runtime/core/mailbox';
import type { RequestOutcome } from '../../../../src/runtime/protocol';
import { deepFreeze, runRequest, updateRequest } from './threadFixtures';

const empty = (): Mailbox => ({ queue: [], outcomes: {} });

function outcome(requestId: string, extra: Partial<RequestOutcome> = {}): RequestOutcome {
  return { requestId, status: 'idle', values: { topic: 'big state' }, ...extra };
}

describe('enqueue and activateNext', () => {
  test('requests queue in order, with the answers they were bound to', () => {
    const first = runRequest(null);
    const second = updateRequest({ topic: 'x' });
    const mailbox = deepFreeze(empty());
    const queued = enqueue(enqueue(mailbox, { request: first, bound: { ['a'.repeat(32)]: 'yes' } }), { request: second });
    expect(mailbox).toEqual(empty());
    expect(queued.queue).toEqual([{ request: first, bound: { ['a'.repeat(32)]: 'yes' } }, { request: second }]);
  });

  test('the first queued request becomes the active one, unprepared, with no steps run and its binding kept', () => {
    const first = runRequest(null);
    const second = runRequest(null);
    const queued = deepFreeze(enqueue(enqueue(empty(), { request: first, bound: { ['a'.repeat(32)]: 0 } }), { request: second }));
    const next = activateNext(queued);
    expect(next.active).toEqual({ request: first, bound: { ['a'.repeat(32)]: 0 }, prepared: false, steps: 0, skipBefore: false });
    expect(next.queue).toEqual([{ request: second }]);
  });

  test('nothing is activated while a request is under way, or when the queue is empty', () => {
    const busy = activateNext(enqueue(enqueue(empty(), { request: runRequest(null) }), { request: runRequest(null) }));
    expect(activateNext(busy)).toBe(busy);
    const idle = empty();
    expect(activateNext(idle)).toBe(idle);
  });
});

describe('settle', () => {
  test('the outcome is remembered without values, continued or valuesOmitted, and the request is no longer active', () => {
    const request = runRequest(null);
    const active = deepFreeze(activateNext(enqueue(empty(), { request })));
    const settled = settle(
      active,
      outcome(request.requestId, { status: 'interrupted', interrupts: [{ id: 'a'.repeat(32), value: 'q' }], valuesOmitted: true, continued: true }),
    );
    expect(settled.active).toBeUndefined();
    expect(settled.outcomes).toEqual({ [request.requestId]: { requestId: request.requestId, status: 'interrupted', interrupts: [{ id: 'a'.repeat(32), value: 'q' }] } });
  });

  test('settling another request leaves the active one under way', () => {
    const request = runRequest(null);
    const active = activateNext(enqueue(empty(), { request }));
    expect(settle(active, outcome('someone-else')).active?.request).toBe(request);
  });

  test('only the latest MAX_OUTCOMES outcomes are remembered, the oldest forgotten first', () => {
    let mailbox = empty();
    for (let i = 0; i < MAX_OUTCOMES + 5; i++) mailbox = settle(mailbox, outcome(`request-${i}`));
    const ids = Object.keys(mailbox.outcomes);
    expect(ids).toHaveLength(MAX_OUTCOMES);
    expect(ids[0]).toBe('request-5');
    expect(ids.at(-1)).toBe(`request-${MAX_OUTCOMES + 4}`);
  });
});

describe('knowsRequest', () => {
  test('a request queued, under way or settled is known; any other is not', () => {
    const queued = runRequest(null);
    const active = runRequest(null);
    const done = runRequest(null);
    let mailbox = settle(activateNext(enqueue(empty(), { request: done })), outcome(done.requestId));
    mailbox = activateNext(enqueue(mailbox, { request: active }));
    mailbox = enqueue(mailbox, { request: queued });
    for (const r of [queued, active, done]) expect(knowsRequest(mailbox, r.requestId)).toBe(true);
    expect(knowsRequest(mailbox, 'never-sent')).toBe(false);
  });

  test('names every object has are not known requests', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) expect(knowsRequest(empty(), name)).toBe(false);
  });
});
