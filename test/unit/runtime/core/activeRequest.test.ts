import { DurableGraphError } from '../../../../src/engine/errors';
import { updateActive } from '../../../../src/runtime/core/activeRequest';
import { afterInput, askingGraph, deepFreeze, runRequest, withActive } from './threadFixtures';

describe('updateActive', () => {
  test('changes the progress of the request under way and nothing else', async () => {
    const request = runRequest(null);
    const state = deepFreeze(withActive(await afterInput(askingGraph(), {}), request));
    const before = structuredClone(state);
    const next = updateActive(state, { steps: 3, skipBefore: true });
    expect(state).toEqual(before);
    expect(next.data.mailbox.active).toEqual({ request, prepared: true, steps: 3, skipBefore: true });
    expect({ ...next.data, mailbox: undefined }).toEqual({ ...state.data, mailbox: undefined });
  });

  test('without a request under way it is a bug of the shell, not a refusal', async () => {
    const state = await afterInput(askingGraph(), {});
    let thrown: unknown;
    try {
      updateActive(state, { steps: 1 });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(DurableGraphError);
  });
});
