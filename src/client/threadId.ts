import { InvalidThreadIdError, MissingThreadIdError } from '../engine/errors';
import type { GraphConfig } from './config';

/** The longest thread id, in characters and in UTF-8 bytes (Temporal limits workflow ids by bytes). */
export const MAX_THREAD_ID_LENGTH = 1000;

// In a `u` regex a class of surrogates matches only the unpaired ones (a pair is one code point).
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The thread id of a config, checked before anything is sent: MISSING_THREAD_ID or INVALID_THREAD_ID. */
export function threadIdOf(config: GraphConfig | undefined): string {
  const id: unknown = config?.configurable?.thread_id;
  if (id === undefined || id === null || id === '') {
    throw new MissingThreadIdError('A thread_id is required: pass { configurable: { thread_id: "..." } }');
  }
  if (typeof id !== 'string') {
    throw new InvalidThreadIdError(`A thread_id must be a string, got ${Array.isArray(id) ? 'an array' : typeof id}`);
  }
  if (id.length > MAX_THREAD_ID_LENGTH) {
    throw new InvalidThreadIdError(`A thread_id is at most ${MAX_THREAD_ID_LENGTH} characters; this one has ${id.length} (it starts "${preview(id)}")`);
  }
  if (LONE_SURROGATE.test(id)) {
    throw new InvalidThreadIdError(`A thread_id must be valid UTF-8; "${preview(id)}" has a lone surrogate (half of a UTF-16 pair)`);
  }
  const bytes = new TextEncoder().encode(id).length;
  if (bytes > MAX_THREAD_ID_LENGTH) {
    throw new InvalidThreadIdError(
      `A thread_id is at most ${MAX_THREAD_ID_LENGTH} bytes of UTF-8 (Temporal limits workflow ids by bytes); this one has ${id.length} characters but ${bytes} bytes (it starts "${preview(id)}")`,
    );
  }
  return id;
}

function preview(id: string): string {
  return JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id).slice(1, -1);
}
