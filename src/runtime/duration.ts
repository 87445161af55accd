import type { Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';

/** A duration option in milliseconds: a number of ms or a string like `'30s'` / `'2 days'`; a TypeError naming the option otherwise. */
export function durationMsOf(value: Duration, option: string): number {
  let ms: number;
  try {
    ms = msToNumber(value);
  } catch {
    ms = NaN; // the SDK's own message does not say which option was wrong
  }
  if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`${option} must be a duration of 0 or more (milliseconds or a string like '30s' or '2 days'), got ${JSON.stringify(value)}`);
  return ms;
}
