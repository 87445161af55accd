import { newThreadData, THREAD_DATA_VERSION } from '../../../../src/runtime/core/data';
import { State } from './threadFixtures';

describe('newThreadData', () => {
  test('a thread that never ran has the state defaults, the current version, no checkpoints and an empty mailbox', () => {
    expect(newThreadData(State.spec)).toEqual({
      version: THREAD_DATA_VERSION,
      values: { topic: undefined, log: [] },
      step: -2,
      runSeq: 0,
      taskSeq: 0,
      checkpointSeq: 0,
      next: [],
      joins: {},
      checkpoints: [],
      answered: [],
      mailbox: { queue: [], outcomes: {} },
    });
  });

  test('its first input is numbered -1, as LangGraph numbers the input checkpoint', () => {
    expect(newThreadData(State.spec).step + 1).toBe(-1);
  });

  test('two new threads share no default value', () => {
    const a = newThreadData(State.spec);
    const b = newThreadData(State.spec);
    expect(a.values.log).not.toBe(b.values.log);
    expect(a.mailbox).not.toBe(b.mailbox);
  });

  test('the data is plain JSON: it survives the round trip continue-as-new makes', () => {
    const data = newThreadData(State.spec);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });
});
