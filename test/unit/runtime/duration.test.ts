import type { Duration } from '@temporalio/common';
import { durationMsOf } from '../../../src/runtime/duration';

test.each([
  [1500, 1500],
  ['30s', 30_000],
  ['2 days', 172_800_000],
  [0, 0],
])('%j is %d ms', (value, ms) => {
  expect(durationMsOf(value as Duration, 'waitingLongerThan')).toBe(ms);
});

test.each(['soon', -1, NaN, Infinity])('%j is refused naming the option', (value) => {
  expect(() => durationMsOf(value as never, 'waitingLongerThan')).toThrow(/^waitingLongerThan must be a duration of 0 or more/);
});
