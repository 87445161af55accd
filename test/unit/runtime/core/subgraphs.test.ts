import { ANONYMOUS } from '../../../../src/engine/identity';
import { continueRun } from '../../../../src/runtime/core/requests';
import { cancelTasks, liveTask } from '../../../../src/runtime/core/steps';
import { subgraphBreakpointsReleased, subgraphReported, subgraphTaskId, waitsAtBreakpoint } from '../../../../src/runtime/core/subgraphs';
import { answerable, isBlocked, paused, pendingInterrupts } from '../../../../src/runtime/core/view';
import { askingGraph, askRunning, frozenWithCopy, NOW, taskOf, viewOf } from './threadFixtures';
import type { ThreadState } from '../../../../src/runtime/core/data';

const graph = askingGraph();
const LATER = '2026-03-01T12:05:00.000Z';

describe('a subgraph reporting its progress on the task it runs in', () => {
  test('its tasks get ids from the host, the step, the index and the node; the state is copied', async () => {
    const { state, taskId } = await askRunning(graph);
    const values = { draft: 'v1' };
    const next = subgraphReported(state, taskId, taskId, { step: 1, values, tasks: [{ node: 'write' }, { node: 'check', result: { ok: true } }] }, NOW);
    values.draft = 'changed after the report';
    expect(taskOf(next, 'ask').subgraphs).toEqual({
      [taskId]: {
        step: 1,
        values: { draft: 'v1' },
        tasks: [
          { id: subgraphTaskId(taskId, 1, 0, 'write'), node: 'write' },
          { id: subgraphTaskId(taskId, 1, 1, 'check'), node: 'check', result: { ok: true } },
        ],
        createdAt: NOW,
      },
    });
  });

  test('a report in the same step keeps when the step began; a new step takes the time of its report', async () => {
    const { state, taskId } = await askRunning(graph);
    const first = subgraphReported(state, taskId, taskId, { step: 0, values: {}, tasks: [{ node: 'a' }] }, NOW);
    const sameStep = subgraphReported(first, taskId, taskId, { step: 0, values: {}, tasks: [{ node: 'a', result: {} }] }, LATER);
    expect(taskOf(sameStep, 'ask').subgraphs![taskId].createdAt).toBe(NOW);
    const nextStep = subgraphReported(sameStep, taskId, taskId, { step: 1, values: {}, tasks: [{ node: 'b' }] }, LATER);
    expect(taskOf(nextStep, 'ask').subgraphs![taskId].createdAt).toBe(LATER);
  });

  test('a nested run is kept while its host task is in the step under way, dropped once the subgraph moves on', async () => {
    const { state, taskId } = await askRunning(graph);
    const outer = subgraphReported(state, taskId, taskId, { step: 0, values: {}, tasks: [{ node: 'inner' }] }, NOW);
    const innerId = subgraphTaskId(taskId, 0, 0, 'inner');
    const nested = subgraphReported(outer, taskId, innerId, { step: 0, values: {}, tasks: [{ node: 'review' }] }, NOW);
    expect(Object.keys(taskOf(nested, 'ask').subgraphs!)).toEqual([taskId, innerId]);
    const movedOn = subgraphReported(nested, taskId, taskId, { step: 1, values: {}, tasks: [{ node: 'after' }] }, NOW);
    expect(Object.keys(taskOf(movedOn, 'ask').subgraphs!)).toEqual([taskId]);
  });

  test('a report for a task no longer running changes nothing', async () => {
    const { state, taskId } = await askRunning(graph);
    const dropped = cancelTasks(state, () => true);
    expect(subgraphReported(dropped, taskId, taskId, { step: 0, values: {}, tasks: [] }, NOW)).toBe(dropped);
  });

  test('reporting changes nothing in the state it is given', async () => {
    const { state: running, taskId } = await askRunning(graph);
    const { state, before } = frozenWithCopy(running);
    subgraphReported(state, taskId, taskId, { step: 0, values: { a: 1 }, tasks: [{ node: 'a' }] }, NOW);
    expect(state).toEqual(before);
  });
});

describe("a subgraph's own breakpoint", () => {
  async function heldBefore(): Promise<{ state: ThreadState; taskId: string }> {
    const { state, taskId } = await askRunning(graph);
    return { state: subgraphReported(state, taskId, taskId, { step: 1, values: {}, tasks: [{ node: 'write' }], breakpoint: 'before' }, NOW), taskId };
  }

  test('blocks its task and pauses the thread with no question to answer', async () => {
    const { state, taskId } = await heldBefore();
    expect(isBlocked(taskOf(state, 'ask'))).toBe(true);
    expect(paused(state)).toBe(true);
    expect(pendingInterrupts(state)).toEqual([]);
    expect(answerable(state)).toEqual([]);
    expect(waitsAtBreakpoint(state, taskId, taskId)).toBe(true);
  });

  test('invoke(null) releases it and the subgraph goes on', async () => {
    const { state, taskId } = await heldBefore();
    const continued = (await continueRun(viewOf(graph, state), undefined, undefined, NOW, ANONYMOUS)).state;
    expect(waitsAtBreakpoint(continued, taskId, taskId)).toBe(false);
    expect(isBlocked(taskOf(continued, 'ask'))).toBe(false);
    expect(taskOf(continued, 'ask').subgraphs![taskId]).toMatchObject({ step: 1, tasks: [{ node: 'write' }] });
  });

  test('releasing with nothing held returns the same state', async () => {
    const { state } = await askRunning(graph);
    expect(subgraphBreakpointsReleased(state)).toBe(state);
  });

  test('a task dropped while held never goes on (as an unanswered interrupt)', async () => {
    const { state, taskId } = await heldBefore();
    const dropped = subgraphBreakpointsReleased(cancelTasks(state, () => true));
    expect(liveTask(dropped, taskId)).toBeUndefined();
    expect(waitsAtBreakpoint(dropped, taskId, taskId)).toBe(true);
  });
});
