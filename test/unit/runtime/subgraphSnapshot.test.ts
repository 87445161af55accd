import { ANONYMOUS } from '../../../src/engine/identity';
import { interruptRaised } from '../../../src/runtime/core/steps';
import { subgraphReported, subgraphTaskId } from '../../../src/runtime/core/subgraphs';
import { subgraphSnapshot } from '../../../src/runtime/subgraphSnapshot';
import { askingGraph, askRunning, NOW, taskOf, THREAD_ID, viewOf } from './core/threadFixtures';

const graph = askingGraph();
const ID = expect.stringMatching(/^[0-9a-f]{32}$/);

describe("a subgraph's snapshot", () => {
  test('shows its values, next, tasks with the interrupts asked inside each (same ids), and nested subgraphs under their tasks', async () => {
    const { state: running, taskId } = await askRunning(graph);
    const innerId = subgraphTaskId(taskId, 1, 0, 'inner');
    let state = subgraphReported(running, taskId, taskId, { step: 1, values: { draft: 'v1' }, tasks: [{ node: 'inner' }, { node: 'side', result: { side: 1 } }] }, NOW);
    state = subgraphReported(state, taskId, innerId, { step: 0, values: { draft: 'v1' }, tasks: [{ node: 'review' }] }, NOW);
    const reviewId = subgraphTaskId(innerId, 0, 0, 'review');
    const asked = interruptRaised(viewOf(graph, state), taskId, 'ok?', true, { raisedAt: NOW, path: [innerId, reviewId] });
    const own = interruptRaised(viewOf(graph, asked.state), taskId, 'the node itself asks', true, { raisedAt: NOW });

    const question = [{ id: asked.id, value: 'ok?', raisedAt: NOW, requester: ANONYMOUS }];
    expect(subgraphSnapshot(viewOf(graph, own.state), taskOf(own.state, 'ask'))).toEqual({
      values: { draft: 'v1' },
      next: ['inner'],
      tasks: [
        {
          id: innerId,
          name: 'inner',
          interrupts: question,
          state: {
            values: { draft: 'v1' },
            next: ['review'],
            tasks: [{ id: reviewId, name: 'review', interrupts: question }],
            interrupts: question,
            metadata: { source: 'loop', step: 0 },
            createdAt: NOW,
            config: { configurable: { thread_id: THREAD_ID, checkpoint_ns: `ask:${taskId}|inner:${innerId}`, checkpoint_id: ID } },
            status: 'interrupted',
          },
        },
        { id: subgraphTaskId(taskId, 1, 1, 'side'), name: 'side', interrupts: [], result: { side: 1 } },
      ],
      // The node's own question (asked outside the subgraph) is not the subgraph's.
      interrupts: question,
      metadata: { source: 'loop', step: 1 },
      createdAt: NOW,
      config: { configurable: { thread_id: THREAD_ID, checkpoint_ns: `ask:${taskId}`, checkpoint_id: ID } },
      status: 'interrupted',
    });
  });

  test('a subgraph held at its breakpoint shows interrupted with no question', async () => {
    const { state, taskId } = await askRunning(graph);
    const held = subgraphReported(state, taskId, taskId, { step: 1, values: {}, tasks: [{ node: 'write' }], breakpoint: 'before' }, NOW);
    expect(subgraphSnapshot(viewOf(graph, held), taskOf(held, 'ask'))).toMatchObject({ next: ['write'], interrupts: [], status: 'interrupted' });
  });

  test('a task that runs no subgraph has none; a running one shows running; a finished one idle with nothing next', async () => {
    const { state, taskId } = await askRunning(graph);
    expect(subgraphSnapshot(viewOf(graph, state), taskOf(state, 'ask'))).toBeUndefined();
    const running = subgraphReported(state, taskId, taskId, { step: 0, values: {}, tasks: [{ node: 'work' }] }, NOW);
    expect(subgraphSnapshot(viewOf(graph, running), taskOf(running, 'ask'))).toMatchObject({ next: ['work'], status: 'running' });
    const finished = subgraphReported(state, taskId, taskId, { step: 2, values: { draft: 'done' }, tasks: [] }, NOW);
    expect(subgraphSnapshot(viewOf(graph, finished), taskOf(finished, 'ask'))).toMatchObject({ next: [], tasks: [], status: 'idle', values: { draft: 'done' } });
  });
});
