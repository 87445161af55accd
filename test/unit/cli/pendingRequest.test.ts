import { choosePending } from '../../../src/cli/pendingRequest';
import { AmbiguousResumeError, NothingToResumeError, UnknownInterruptIdError } from '../../../src/engine/errors';
import { emptySnapshot, type PendingInterruptInfo } from '../../../src/runtime/protocol';

const A = 'a1'.padEnd(32, '0');
const B = 'b2'.padEnd(32, '0');
const AB = 'a1b'.padEnd(32, '1');
const waiting = (...interrupts: PendingInterruptInfo[]) => ({ ...emptySnapshot('t'), status: 'interrupted' as const, interrupts });

test('the only pending interrupt is chosen without --id', () => {
  expect(choosePending('t', waiting({ id: A, value: 'x' }))).toEqual({ id: A, value: 'x' });
});

test('--id chooses by full id or by a prefix only one id has', () => {
  const snapshot = waiting({ id: A }, { id: B }, { id: AB });
  expect(choosePending('t', snapshot, B).id).toBe(B);
  expect(choosePending('t', snapshot, 'b').id).toBe(B);
  expect(choosePending('t', snapshot, A).id).toBe(A);
  expect(choosePending('t', snapshot, 'a1b').id).toBe(AB);
});

test('several pending without --id, or a prefix several ids have, is AMBIGUOUS_RESUME listing the ids', () => {
  const snapshot = waiting({ id: A }, { id: B }, { id: AB });
  expect(() => choosePending('t', snapshot)).toThrow(AmbiguousResumeError);
  expect(() => choosePending('t', snapshot)).toThrow(`Thread "t" has 3 pending interrupts; choose one with --id (pending: ${A}, ${B}, ${AB})`);
  expect(() => choosePending('t', snapshot, 'a1')).toThrow(/--id a1 fits 2 pending interrupts/);
});

test('an id that is not pending is UNKNOWN_INTERRUPT_ID; nothing pending is NOTHING_TO_RESUME', () => {
  expect(() => choosePending('t', waiting({ id: A }), 'ff')).toThrow(UnknownInterruptIdError);
  expect(() => choosePending('t', waiting({ id: A }), '')).toThrow(UnknownInterruptIdError);
  expect(() => choosePending('t', emptySnapshot('t'))).toThrow(NothingToResumeError);
  // A breakpoint pause has interrupts without ids: nothing there takes an answer.
  expect(() => choosePending('t', waiting({ value: undefined }))).toThrow(/Thread "t" has no pending interrupt/);
});
