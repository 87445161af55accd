import { ANONYMOUS } from '../../../../src/engine/identity';
import { Annotation } from '../../../../src/graph/annotation';
import { StateGraph } from '../../../../src/graph/stateGraph';
import { START } from '../../../../src/engine/constants';
import type { ThreadState } from '../../../../src/runtime/core/data';
import { enqueue } from '../../../../src/runtime/core/mailbox';
import { deliverAnswers, taskDone, taskFailed, taskPaused } from '../../../../src/runtime/core/steps';
import {
  answerable,
  busy,
  currentError,
  doneWrites,
  head,
  isAnswered,
  isBlocked,
  paused,
  pendingInterrupts,
  previewValues,
  restingStatus,
  started,
  status,
  taskInterrupts,
  withState,
} from '../../../../src/runtime/core/view';
import { interruptRaised } from '../../../../src/runtime/core/steps';
import {
  afterInput,
  askingGraph,
  newThread,
  parallelGraph,
  raise,
  runRequest,
  runStep,
  startNext,
  taskOf,
  viewOf,
  waitingAtAsk,
  withActive,
  NOW,
} from './threadFixtures';

const graph = askingGraph();

async function parallelRunning(): Promise<ThreadState> {
  const g = parallelGraph();
  return startNext(g, await afterInput(g, {}));
}

describe('isBlocked and taskInterrupts', () => {
  test('a running task with an unanswered question is blocked and shows it', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const task = taskOf(state, 'ask');
    expect(isBlocked(task)).toBe(true);
    expect(taskInterrupts(task)).toEqual([{ id, value: 'question from ask' }]);
  });

  test('a question asked without a value shows as { id } only', async () => {
    const running = startNext(graph, await runStep(graph, await afterInput(graph, {})));
    const { state, id } = interruptRaised(viewOf(graph, running), taskOf(running, 'ask').id, undefined, false, { raisedAt: NOW });
    expect(taskInterrupts(taskOf(state, 'ask'))).toEqual([{ id }]);
  });

  test('a task with its answer delivered and not yet taken up is not blocked and shows nothing', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const task = taskOf(deliverAnswers(state, { [id]: 'yes' }, ANONYMOUS, NOW), 'ask');
    expect(isBlocked(task)).toBe(false);
    expect(taskInterrupts(task)).toEqual([]);
  });

  test('a running task that asked nothing is not blocked', async () => {
    expect(isBlocked(taskOf(await parallelRunning(), 'left'))).toBe(false);
  });

  test('a task paused by NodeInterrupt shows its interrupt, without id', async () => {
    const running = await parallelRunning();
    const task = taskOf(taskPaused(running, taskOf(running, 'left').id, { value: 'fix it' }), 'left');
    expect(isBlocked(task)).toBe(false);
    expect(taskInterrupts(task)).toEqual([{ value: 'fix it' }]);
  });

  test('done, failed and cancelled tasks show no interrupts', async () => {
    const { state } = await waitingAtAsk(graph);
    const id = taskOf(state, 'ask').id;
    expect(taskInterrupts(taskOf(taskDone(state, id, { update: {} }), 'ask'))).toEqual([]);
    expect(taskInterrupts(taskOf(taskFailed(state, id, { code: 'NODE_FAILED', message: 'x' }), 'ask'))).toEqual([]);
  });
});

describe('thread facts', () => {
  test('a thread has started once it has a checkpoint', async () => {
    expect(started(newThread(graph))).toBe(false);
    expect(started(await afterInput(graph, {}))).toBe(true);
  });

  test('a thread is busy while a request is under way or queued', async () => {
    const idle = await afterInput(graph, {});
    expect(busy(idle)).toBe(false);
    expect(busy(withActive(idle))).toBe(true);
    expect(busy({ data: { ...idle.data, mailbox: enqueue(idle.data.mailbox, { request: runRequest(null) }) } })).toBe(true);
  });

  test('a thread is paused by a waiting node, a NodeInterrupt or a breakpoint', async () => {
    const { state } = await waitingAtAsk(graph);
    expect(paused(state)).toBe(true);
    const running = await parallelRunning();
    expect(paused(running)).toBe(false);
    expect(paused(taskPaused(running, taskOf(running, 'left').id, { value: 'x' }))).toBe(true);
    const idle = await afterInput(graph, {});
    expect(paused(idle)).toBe(false);
    expect(paused({ data: { ...idle.data, breakpoint: 'before' } })).toBe(true);
    expect(paused({ data: { ...idle.data, breakpoint: 'after' } })).toBe(true);
  });

  test('the error of a thread is its run error first, else the error of a failed task', async () => {
    const running = await parallelRunning();
    const taskError = { code: 'NODE_FAILED' as const, message: 'left broke', node: 'left' };
    const failed = taskFailed(running, taskOf(running, 'left').id, taskError);
    expect(currentError(running)).toBeUndefined();
    expect(currentError(failed)).toEqual(taskError);
    const runError = { code: 'RECURSION_LIMIT' as const, message: 'too deep' };
    expect(currentError({ ...failed, data: { ...failed.data, error: runError } })).toEqual(runError);
  });

  test('status: running while a request is under way, else error before interrupted before idle', async () => {
    const { state: waiting } = await waitingAtAsk(graph);
    expect(status(withActive(waiting))).toBe('running');
    expect(status(waiting)).toBe('interrupted');
    expect(restingStatus(withActive(waiting))).toBe('interrupted');
    const withError = { ...waiting, data: { ...waiting.data, error: { code: 'NODE_FAILED' as const, message: 'x' } } };
    expect(status(withError)).toBe('error');
    expect(status(await afterInput(graph, {}))).toBe('idle');
    expect(status(newThread(graph))).toBe('idle');
  });

  test('pendingInterrupts and answerable list the questions of every waiting task, in task order', async () => {
    const g = parallelGraph();
    const running = await parallelRunning();
    const left = raise(g, running, 'left');
    const right = raise(g, left.state, 'right');
    expect(pendingInterrupts(right.state).map((i) => i.id)).toEqual([left.id, right.id]);
    expect(answerable(right.state).map((a) => [a.task.node, a.id])).toEqual([
      ['left', left.id],
      ['right', right.id],
    ]);
  });

  test('a NodeInterrupt is shown but takes no answer', async () => {
    const running = await parallelRunning();
    const pausedState = taskPaused(running, taskOf(running, 'left').id, { value: 'x' });
    expect(pendingInterrupts(pausedState)).toEqual([{ value: 'x' }]);
    expect(answerable(pausedState)).toEqual([]);
  });

  test('isAnswered knows the ids delivered', async () => {
    const { state, id } = await waitingAtAsk(graph);
    expect(isAnswered(state, id)).toBe(false);
    expect(isAnswered(deliverAnswers(state, { [id]: 'yes' }, ANONYMOUS, NOW), id)).toBe(true);
  });

  test('head is the newest checkpoint, or nothing for a thread that never ran', async () => {
    expect(head(newThread(graph))).toBeUndefined();
    const state = await afterInput(graph, {});
    expect(head(state)).toBe(state.data.checkpoints.at(-1));
  });

  test('withState gives the same thread with another state', async () => {
    const state = await afterInput(graph, {});
    const view = viewOf(graph, newThread(graph));
    const other = withState(view, state);
    expect(other).toEqual({ graph, threadId: view.threadId, graphName: view.graphName, state });
  });
});

describe('doneWrites and previewValues', () => {
  test('the writes of finished tasks, in task order; running ones have none yet', async () => {
    const running = await parallelRunning();
    const s = taskDone(running, taskOf(running, 'right').id, { update: { log: 'right' } });
    expect(doneWrites(s.flight!)).toEqual([{ node: 'right', update: { log: 'right' } }]);
  });

  test('the values shown include what finished tasks of the step under way wrote', async () => {
    const g = parallelGraph();
    const running = await parallelRunning();
    const s = taskDone(running, taskOf(running, 'left').id, { update: { log: 'left' } });
    expect(previewValues(g, s)).toEqual({ topic: undefined, log: ['left'] });
    expect(s.data.values.log).toEqual([]);
  });

  test('without a step under way, or with nothing finished, the values are the thread values themselves', async () => {
    const idle = await afterInput(graph, {});
    expect(previewValues(graph, idle)).toBe(idle.data.values);
    const running = await parallelRunning();
    expect(previewValues(parallelGraph(), running)).toBe(running.data.values);
  });

  test('writes that do not merge are left out of the preview: committing the step reports them', async () => {
    const g = parallelGraph();
    const running = await parallelRunning();
    let s = taskDone(running, taskOf(running, 'left').id, { update: { topic: 'l' } });
    s = taskDone(s, taskOf(s, 'right').id, { update: { topic: 'r' } });
    expect(previewValues(g, s)).toBe(s.data.values);
  });

  test('a reducer that throws is left out of the preview too', async () => {
    const Strict = Annotation.Root({
      total: Annotation<number, number>({
        reducer: () => {
          throw new Error('no');
        },
        default: () => 0,
      }),
    });
    const g = new StateGraph(Strict).addNode('pay', () => ({})).addEdge(START, 'pay').compile();
    const running = startNext(g, await afterInput(g, {}));
    const s = taskDone(running, taskOf(running, 'pay').id, { update: { total: 5 } });
    expect(previewValues(g, s)).toBe(s.data.values);
  });
});
