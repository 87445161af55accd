// What a thread keeps and returns is bounded in bytes, so that nothing it records reaches Temporal's
// payload limit (2 MiB by default) and a thread whose state is up to 1 MiB works through any number of
// steps. Sizes are JSON lengths in UTF-16 code units: close to UTF-8 bytes for ASCII-heavy state,
// and the budgets leave room for the rest.
const KiB = 1024;

/** Checkpoints kept besides the head (always kept): together they stay under this, so a thread with a small state continues as new below Temporal's 512 KiB payload warning. */
export const CHECKPOINT_LOG_BYTES = 256 * KiB;
/** An outcome carries the state only below this size; above it the client reads getState. */
export const OUTCOME_VALUES_BYTES = 256 * KiB;
/** One getStateHistory answer stops after this much state (the first checkpoint always fits). */
export const HISTORY_PAGE_BYTES = 2048 * KiB;
/** Stream events a thread keeps for readers (the newest one always, whatever its size). */
export const EVENT_LOG_BYTES = 256 * KiB;
/** One answer of the stream-events query stops after this much (the first event always fits). */
export const EVENT_PAGE_BYTES = 512 * KiB;
/**
 * Updates a run accepts before the thread continues as new: Temporal refuses Updates past 2,000 per
 * run, and stream readers wait with Updates. Well below, so requests sent meanwhile still fit.
 */
export const UPDATES_PER_RUN = 1500;
/** Outcomes remembered for clients following a request across continue-as-new. */
export const MAX_OUTCOMES = 50;
/** Answered interrupt ids remembered for ALREADY_ANSWERED. */
export const MAX_ANSWERED = 1000;
/** Supersteps one call may run, as LangGraph's default recursionLimit. */
export const DEFAULT_RECURSION_LIMIT = 25;
