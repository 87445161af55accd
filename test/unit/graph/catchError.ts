import { DurableGraphError } from '../../../src/engine/errors';

/** The DurableGraphError `fn` throws; fails the test when it throws nothing or something else. */
export function catchError(fn: () => unknown): DurableGraphError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DurableGraphError) return err;
    throw new Error(`expected a DurableGraphError, got ${String(err)}`);
  }
  throw new Error('expected a DurableGraphError, nothing was thrown');
}

/** Same as `catchError` for a promise. */
export async function catchAsyncError(promise: Promise<unknown>): Promise<DurableGraphError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DurableGraphError) return err;
    throw new Error(`expected a DurableGraphError, got ${String(err)}`);
  }
  throw new Error('expected a DurableGraphError, the promise resolved');
}
