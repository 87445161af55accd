import { CHECKPOINT_LOG_BYTES, DEFAULT_RECURSION_LIMIT, EVENT_LOG_BYTES, EVENT_PAGE_BYTES, HISTORY_PAGE_BYTES, MAX_ANSWERED, MAX_OUTCOMES, OUTCOME_VALUES_BYTES, UPDATES_PER_RUN } from '../../../../src/runtime/core/limits';

const MiB = 1024 * 1024;
/** Temporal's default payload size limit. */
const TEMPORAL_PAYLOAD_LIMIT = 2 * MiB;
/** The largest state a thread must keep working with (API.md, "Limits and bad input"). */
const LARGEST_STATE = MiB;

describe('limits', () => {
  test('a 1 MiB state (the thread values, sent once) plus the older checkpoints fits in one Temporal payload', () => {
    expect(LARGEST_STATE + CHECKPOINT_LOG_BYTES).toBeLessThan(TEMPORAL_PAYLOAD_LIMIT);
  });

  test('an outcome with its values fits in one Temporal payload', () => {
    expect(OUTCOME_VALUES_BYTES).toBeLessThan(TEMPORAL_PAYLOAD_LIMIT);
  });

  test('the carried data (1 MiB state, older checkpoints, stream events) fits in one Temporal payload, and so does a page of events', () => {
    expect(LARGEST_STATE + CHECKPOINT_LOG_BYTES + EVENT_LOG_BYTES).toBeLessThan(TEMPORAL_PAYLOAD_LIMIT);
    expect(EVENT_PAGE_BYTES).toBeLessThan(TEMPORAL_PAYLOAD_LIMIT);
  });

  test("a run hands over well before Temporal's 2,000 Updates per run", () => {
    expect(UPDATES_PER_RUN).toBeLessThanOrEqual(1800);
  });

  test("the history page budget stays within Temporal's payload limit and has room for a 1 MiB state", () => {
    expect(HISTORY_PAGE_BYTES).toBeLessThanOrEqual(TEMPORAL_PAYLOAD_LIMIT);
    expect(HISTORY_PAGE_BYTES).toBeGreaterThanOrEqual(LARGEST_STATE);
  });

  test('counts are positive whole numbers, and the recursion limit is LangGraph\'s default of 25', () => {
    for (const n of [MAX_OUTCOMES, MAX_ANSWERED]) expect(Number.isInteger(n) && n > 0).toBe(true);
    expect(DEFAULT_RECURSION_LIMIT).toBe(25);
  });
});
