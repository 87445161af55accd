import { ANONYMOUS } from '../../../../src/engine/identity';
import { START } from '../../../../src/engine/constants';
import { DurableGraphError, InvalidUpdateError, NodeFailedError } from '../../../../src/engine/errors';
import { Annotation } from '../../../../src/graph/annotation';
import { StateGraph } from '../../../../src/graph/stateGraph';
import type { ThreadState } from '../../../../src/runtime/core/data';
import { MAX_ANSWERED } from '../../../../src/runtime/core/limits';
import { startInput } from '../../../../src/runtime/core/requests';
import {
  answerTaken,
  cancelTasks,
  commitStep,
  deliverAnswers,
  interruptRaised,
  interruptTimedOut,
  isStartTask,
  liveTask,
  restartUnfinished,
  startStep,
  stepRefused,
  taskDone,
  taskFailed,
  taskPaused,
} from '../../../../src/runtime/core/steps';
import { isBlocked } from '../../../../src/runtime/core/view';
import { INTERRUPT_ID } from '../../../../src/runtime/ids';
import { catchAsyncError } from '../../graph/catchError';
import {
  afterInput,
  askingGraph,
  deepFreeze,
  done,
  frozenWithCopy,
  newThread,
  NOW,
  parallelGraph,
  raise,
  runStep,
  startNext,
  State,
  taskOf,
  viewOf,
  waitingAtAsk,
} from './threadFixtures';

const graph = askingGraph();

/** A thread that took its input, with the START step under way. */
function startStepUnderWay(): ThreadState {
  const withInput = startInput(viewOf(graph, newThread(graph)), { topic: 'refund' }, NOW, ANONYMOUS);
  return startStep(viewOf(graph, withInput), withInput.data.next);
}

/** A step under way in which both `left` and `right` run. */
async function parallelUnderWay(): Promise<{ g: ReturnType<typeof parallelGraph>; state: ThreadState }> {
  const g = parallelGraph();
  return { g, state: startNext(g, await afterInput(g, {})) };
}

describe('isStartTask', () => {
  test('the task that writes a run\'s input is the START task; node tasks are not', () => {
    expect(isStartTask({ node: START, arg: {}, push: true })).toBe(true);
    expect(isStartTask({ node: 'plan' })).toBe(false);
  });
});

describe('startStep', () => {
  test('the START task of new input is done at once with the input as its write; step -1 becomes step 0', () => {
    const state = startStepUnderWay();
    expect(state.flight!.step).toBe(0);
    expect(state.flight!.tasks).toEqual([
      expect.objectContaining({ node: START, status: 'done', step: 0, output: { update: { topic: 'refund' } }, pending: [], answers: {}, calls: 0 }),
    ]);
    expect(isStartTask(state.flight!.tasks[0].planned)).toBe(true);
  });

  test('edge-triggered nodes start running, read the values the step starts from, and get distinct task ids', async () => {
    const { state } = await parallelUnderWay();
    const tasks = state.flight!.tasks;
    expect(tasks.map((t) => [t.node, t.status])).toEqual([
      ['left', 'running'],
      ['right', 'running'],
    ]);
    expect(tasks[0].id).toMatch(INTERRUPT_ID);
    expect(tasks[0].id).not.toBe(tasks[1].id);
    expect(state.flight!.input).toEqual(state.data.values);
    expect(state.flight!.input).toBe(state.data.values); // not copied: writes replace values, and each node copies its input
  });

  test('task ids are deterministic: the same thread state gives the same ids, and the task counter moves on', async () => {
    const g = parallelGraph();
    const atZero = deepFreeze(await afterInput(g, {}));
    const first = startNext(g, atZero);
    const again = startNext(g, atZero);
    expect(again.flight!.tasks.map((t) => t.id)).toEqual(first.flight!.tasks.map((t) => t.id));
    expect(first.data.taskSeq).toBe(atZero.data.taskSeq + 2);
  });

  test('starting a step changes neither the state it was given nor the step number of the data', async () => {
    const { state, before } = frozenWithCopy(await afterInput(graph, { topic: 'refund' }));
    const started = startNext(graph, state);
    expect(state).toEqual(before);
    expect(started.data.step).toBe(0);
    expect(started.flight!.step).toBe(1);
  });
});

describe('task transitions', () => {
  test('a task that returns is done with a copy of its output and nothing pending', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const output = { update: { log: ['asked'] } };
    const finished = taskDone(deepFreeze(state), taskOf(state, 'ask').id, output);
    output.update.log.push('changed later');
    expect(taskOf(finished, 'ask')).toEqual(expect.objectContaining({ status: 'done', output: { update: { log: ['asked'] } }, pending: [] }));
    expect(taskOf(state, 'ask').pending.map((p) => p.id)).toEqual([id]);
  });

  test('a task that throws after its retries is failed with the error', async () => {
    const { state } = await parallelUnderWay();
    const error = { code: 'NODE_FAILED' as const, message: 'left broke', node: 'left' };
    const failed = taskFailed(deepFreeze(state), taskOf(state, 'left').id, error);
    expect(taskOf(failed, 'left')).toEqual(expect.objectContaining({ status: 'failed', error, pending: [] }));
    expect(taskOf(failed, 'right').status).toBe('running');
  });

  test('a task that throws NodeInterrupt is paused with its interrupt and keeps no writes', async () => {
    const { state } = await parallelUnderWay();
    const paused = taskPaused(deepFreeze(state), taskOf(state, 'left').id, { value: 'fix the topic' });
    expect(taskOf(paused, 'left')).toEqual(expect.objectContaining({ status: 'paused', nodeInterrupt: { value: 'fix the topic' }, pending: [] }));
    expect(taskOf(paused, 'left').output).toBeUndefined();
  });

  test('reporting on a task that is not in the step under way is a bug of the shell, not a refusal', async () => {
    const { state } = await parallelUnderWay();
    let thrown: unknown;
    try {
      taskDone(state, 'no-such-task', done({}));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(DurableGraphError);
  });

  test('liveTask finds running tasks only', async () => {
    const { state } = await parallelUnderWay();
    const leftId = taskOf(state, 'left').id;
    expect(liveTask(state, leftId)?.node).toBe('left');
    expect(liveTask(taskDone(state, leftId, done({})), leftId)).toBeUndefined();
    expect(liveTask(cancelTasks(state, () => true), leftId)).toBeUndefined();
    expect(liveTask(state, 'no-such-task')).toBeUndefined();
  });
});

describe('interruptRaised', () => {
  test('each interrupt() call of a task gets its own 32-hex id and waits in call order', async () => {
    const running = startNext(graph, await runStep(graph, await afterInput(graph, {})));
    const first = raise(graph, deepFreeze(running), 'ask', 'first?');
    const second = interruptRaised(viewOf(graph, first.state), taskOf(running, 'ask').id, 'second?', true, { raisedAt: NOW });
    expect(first.id).toMatch(INTERRUPT_ID);
    expect(second.id).toMatch(INTERRUPT_ID);
    expect(second.id).not.toBe(first.id);
    const task = taskOf(second.state, 'ask');
    expect(task.pending).toEqual([
      { id: first.id, value: 'first?', hasValue: true, raisedAt: NOW, requester: ANONYMOUS },
      { id: second.id, value: 'second?', hasValue: true, raisedAt: NOW, requester: ANONYMOUS },
    ]);
    expect(task.calls).toBe(2);
  });

  test('interrupt() without a value records no value', async () => {
    const running = startNext(graph, await runStep(graph, await afterInput(graph, {})));
    const raised = interruptRaised(viewOf(graph, running), taskOf(running, 'ask').id, undefined, false, { raisedAt: NOW });
    expect(taskOf(raised.state, 'ask').pending).toEqual([{ id: raised.id, hasValue: false, raisedAt: NOW, requester: ANONYMOUS }]);
    expect(Object.hasOwn(taskOf(raised.state, 'ask').pending[0], 'value')).toBe(false);
  });

  test('interrupt ids are deterministic: replaying the same state gives the same id, another thread another id', async () => {
    const running = deepFreeze(startNext(graph, await runStep(graph, await afterInput(graph, {}))));
    const taskId = taskOf(running, 'ask').id;
    const a = interruptRaised(viewOf(graph, running), taskId, 'q', true, { raisedAt: NOW }).id;
    expect(interruptRaised(viewOf(graph, running), taskId, 'q', true, { raisedAt: NOW }).id).toBe(a);
    expect(interruptRaised({ ...viewOf(graph, running), threadId: 'thread-2' }, taskId, 'q', true, { raisedAt: NOW }).id).not.toBe(a);
  });

  test('the interrupt value is copied: changing it afterwards changes nothing', async () => {
    const running = startNext(graph, await runStep(graph, await afterInput(graph, {})));
    const value = { question: 'approve?' };
    const raised = raise(graph, running, 'ask', value);
    value.question = 'changed';
    expect(taskOf(raised.state, 'ask').pending[0].value).toEqual({ question: 'approve?' });
  });
});

describe('answers', () => {
  test('deliverAnswers moves the bound answers to their tasks and remembers the ids as answered', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const { state: frozen, before } = frozenWithCopy(state);
    const delivered = deliverAnswers(frozen, { [id]: { approve: true } }, ANONYMOUS, NOW);
    expect(frozen).toEqual(before);
    const task = taskOf(delivered, 'ask');
    expect(task.pending).toEqual([]);
    expect(task.answers).toEqual({ [id]: { approve: true } });
    expect(delivered.data.answered).toEqual([id]);
    expect(isBlocked(task)).toBe(false);
  });

  test('deliverAnswers delivers only to the interrupts named; the others keep waiting', async () => {
    const g = parallelGraph();
    const running = startNext(g, await afterInput(g, {}));
    const left = raise(g, running, 'left');
    const right = raise(g, left.state, 'right');
    const delivered = deliverAnswers(right.state, { [left.id]: 'l', ['0'.repeat(32)]: 'nobody asked' }, ANONYMOUS, NOW);
    expect(taskOf(delivered, 'left').answers).toEqual({ [left.id]: 'l' });
    expect(taskOf(delivered, 'right').pending.map((p) => p.id)).toEqual([right.id]);
    expect(delivered.data.answered).toEqual([left.id]);
  });

  test('the answered ids kept for ALREADY_ANSWERED are the latest MAX_ANSWERED', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const old = Array.from({ length: MAX_ANSWERED }, (_, i) => `old-${i}`);
    const delivered = deliverAnswers({ ...state, data: { ...state.data, answered: old } }, { [id]: 'yes' }, ANONYMOUS, NOW);
    expect(delivered.data.answered).toHaveLength(MAX_ANSWERED);
    expect(delivered.data.answered[0]).toBe('old-1');
    expect(delivered.data.answered[MAX_ANSWERED - 1]).toBe(id);
  });

  test('deliverAnswers without a step under way changes nothing', async () => {
    const state = await afterInput(graph, {});
    expect(deliverAnswers(state, { ['a'.repeat(32)]: 'yes' }, ANONYMOUS, NOW)).toBe(state);
  });

  test('the answer delivered is a copy: changing the bound value afterwards changes nothing', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const answer = { approve: true };
    const delivered = deliverAnswers(state, { [id]: answer }, ANONYMOUS, NOW);
    answer.approve = false;
    expect(taskOf(delivered, 'ask').answers[id]).toEqual({ approve: true });
  });

  test('answerTaken hands the node its answer and removes it from the task', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const delivered = deepFreeze(deliverAnswers(state, { [id]: 'approve' }, ANONYMOUS, NOW));
    const taken = answerTaken(delivered, taskOf(delivered, 'ask').id, id);
    expect(taken.answer).toBe('approve');
    expect(taskOf(taken.state, 'ask').answers).toEqual({});
    expect(taskOf(taken.state, 'ask').status).toBe('running');
  });

  test('an interrupt that timed out is withdrawn without counting as answered', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const timedOut = interruptTimedOut(deepFreeze(state), taskOf(state, 'ask').id, id);
    expect(taskOf(timedOut, 'ask').pending).toEqual([]);
    expect(timedOut.data.answered).toEqual([]);
  });
});

describe('cancelTasks', () => {
  test('unfinished tasks chosen are cancelled and forget their questions; finished ones keep their writes', async () => {
    const g = parallelGraph();
    const running = startNext(g, await afterInput(g, {}));
    const leftDone = taskDone(running, taskOf(running, 'left').id, done({ log: 'left' }));
    const rightAsks = raise(g, leftDone, 'right').state;
    const cancelled = cancelTasks(deepFreeze(rightAsks), () => true);
    expect(taskOf(cancelled, 'left')).toEqual(expect.objectContaining({ status: 'done', output: { update: { log: 'left' } } }));
    expect(taskOf(cancelled, 'right')).toEqual(expect.objectContaining({ status: 'cancelled', pending: [], answers: {} }));
  });

  test('only the tasks the predicate picks are cancelled', async () => {
    const { state } = await parallelUnderWay();
    const cancelled = cancelTasks(state, (t) => t.node === 'right');
    expect(taskOf(cancelled, 'left').status).toBe('running');
    expect(taskOf(cancelled, 'right').status).toBe('cancelled');
  });

  test('without a step under way there is nothing to cancel', async () => {
    const state = await afterInput(graph, {});
    expect(cancelTasks(state, () => true)).toBe(state);
  });
});

describe('restartUnfinished', () => {
  test('failed and NodeInterrupt tasks run again as new attempts on the values as they are now; finished tasks stay', async () => {
    const g = new StateGraph(State)
      .addNode('a', () => ({}))
      .addNode('b', () => ({}))
      .addNode('c', () => ({}))
      .addEdge(START, 'a')
      .addEdge(START, 'b')
      .addEdge(START, 'c')
      .compile();
    let state = startNext(g, await afterInput(g, {}));
    const [a, b, c] = state.flight!.tasks;
    state = taskDone(state, a.id, done({ log: 'a' }));
    state = taskFailed(state, b.id, { code: 'NODE_FAILED', message: 'b broke', node: 'b' });
    state = taskPaused(state, c.id, { value: 'c paused' });
    state = { ...state, data: { ...state.data, values: { ...state.data.values, topic: 'fixed by updateState' } } };
    const restarted = restartUnfinished(viewOf(g, deepFreeze(state)));
    const [a2, b2, c2] = restarted.flight!.tasks;
    expect(a2).toBe(state.flight!.tasks[0]);
    for (const [old, fresh] of [
      [b, b2],
      [c, c2],
    ]) {
      expect(fresh.id).not.toBe(old.id);
      expect(fresh).toEqual({ id: fresh.id, node: old.node, planned: old.planned, step: old.step, status: 'running', pending: [], answers: {}, calls: 0 });
    }
    expect(restarted.flight!.input.topic).toBe('fixed by updateState');
    expect(restarted.data.taskSeq).toBe(state.data.taskSeq + 2);
  });

  test('a step with nothing failed or paused is left as it is', async () => {
    const { g, state } = await parallelUnderWay();
    expect(restartUnfinished(viewOf(g, state))).toBe(state);
  });
});

describe('commitStep', () => {
  test('the START step commits step 0 from the input with next = the entry nodes and no writes', async () => {
    const committed = await commitStep(viewOf(graph, deepFreeze(startStepUnderWay())), 'loop', NOW);
    const head = committed.state.data.checkpoints.at(-1)!;
    expect(head).toEqual(expect.objectContaining({ step: 0, source: 'loop', values: { topic: 'refund', log: [] }, next: [{ node: 'plan' }] }));
    expect(head.writes).toBeUndefined();
    expect(committed.ran).toEqual([START]);
    expect(committed.state.flight).toBeUndefined();
    expect(committed.state.data).toEqual(expect.objectContaining({ step: 0, values: { topic: 'refund', log: [] }, next: [{ node: 'plan' }] }));
  });

  test('a node step applies the writes through the reducers and records them by node', async () => {
    const atZero = await afterInput(graph, { topic: 'refund', log: ['input'] });
    const running = startNext(graph, atZero);
    const finished = taskDone(running, taskOf(running, 'plan').id, done({ log: 'planned' }));
    const committed = await commitStep(viewOf(graph, deepFreeze(finished)), 'loop', NOW);
    const head = committed.state.data.checkpoints.at(-1)!;
    expect(head).toEqual(expect.objectContaining({ step: 1, source: 'loop', values: { topic: 'refund', log: ['input', 'planned'] }, next: [{ node: 'ask' }], writes: { plan: { log: 'planned' } } }));
    expect(head.parentId).toBe(atZero.data.checkpoints.at(-1)!.id);
    expect(committed.ran).toEqual(['plan']);
  });

  test('a Command goto in a node output plans its target', async () => {
    const atOne = await runStep(graph, await afterInput(graph, {}));
    const running = startNext(graph, atOne);
    const finished = taskDone(running, taskOf(running, 'ask').id, { update: {}, goto: 'plan' });
    const committed = await commitStep(viewOf(graph, finished), 'loop', NOW);
    expect(committed.state.data.next).toEqual([{ node: 'plan' }, { node: 'finish' }]);
  });

  test('a join waits for all its sources across steps and carries its progress in the checkpoint', async () => {
    const g = new StateGraph(State)
      .addNode('fast', () => ({}))
      .addNode('slow', () => ({}))
      .addNode('slower', () => ({}))
      .addNode('merge', () => ({}))
      .addEdge(START, 'fast')
      .addEdge(START, 'slow')
      .addEdge('slow', 'slower')
      .addEdge(['fast', 'slower'], 'merge')
      .compile();
    const afterFirst = await runStep(g, await afterInput(g, {}));
    expect(afterFirst.data.next).toEqual([{ node: 'slower' }]);
    expect(afterFirst.data.joins).toEqual({ 0: ['fast'] });
    expect(afterFirst.data.checkpoints.at(-1)!.joins).toEqual({ 0: ['fast'] });
    const afterSecond = await runStep(g, afterFirst);
    expect(afterSecond.data.next).toEqual([{ node: 'merge' }]);
    expect(afterSecond.data.joins).toEqual({});
  });

  test('two writes in one step to a key without reducer reject with INVALID_UPDATE naming the key and the nodes', async () => {
    const { g, state } = await parallelUnderWay();
    let s = taskDone(state, taskOf(state, 'left').id, done({ topic: 'from left' }));
    s = taskDone(s, taskOf(s, 'right').id, done({ topic: 'from right' }));
    const frozen = frozenWithCopy(s);
    const err = await catchAsyncError(commitStep(viewOf(g, frozen.state), 'loop', NOW));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.code).toBe('INVALID_UPDATE');
    expect(err.message).toContain('"topic"');
    expect(err.message).toContain('left, right');
    expect(frozen.state).toEqual(frozen.before);
  });

  test('a write to an undeclared key rejects with INVALID_UPDATE', async () => {
    const { g, state } = await parallelUnderWay();
    const s = taskDone(state, taskOf(state, 'left').id, done({ colour: 'red' }));
    expect((await catchAsyncError(commitStep(viewOf(g, s), 'loop', NOW))).code).toBe('INVALID_UPDATE');
  });

  test('a reducer that throws rejects with NODE_FAILED naming the key, not with the raw error', async () => {
    const Strict = Annotation.Root({
      total: Annotation<number, number>({
        reducer: (a, b) => {
          if (b < 0) throw new Error('negative amounts are not allowed');
          return a + b;
        },
        default: () => 0,
      }),
    });
    const g = new StateGraph(Strict).addNode('pay', () => ({})).addEdge(START, 'pay').compile();
    const running = startNext(g, await afterInput(g, {}));
    const s = taskDone(running, taskOf(running, 'pay').id, done({ total: -5 }));
    const err = await catchAsyncError(commitStep(viewOf(g, deepFreeze(s)), 'loop', NOW));
    expect(err).toBeInstanceOf(NodeFailedError);
    expect(err.code).toBe('NODE_FAILED');
    expect(err.message).toContain('"total"');
    expect(err.message).toContain('negative amounts are not allowed');
  });

  test('a router that throws rejects with NODE_FAILED naming the node it follows', async () => {
    const g = new StateGraph(State)
      .addNode('route', () => ({}))
      .addNode('x', () => ({}))
      .addEdge(START, 'route')
      .addConditionalEdges('route', () => {
        throw new Error('no route for this topic');
      })
      .compile();
    const running = startNext(g, await afterInput(g, {}));
    const s = taskDone(running, taskOf(running, 'route').id, done({}));
    const err = await catchAsyncError(commitStep(viewOf(g, deepFreeze(s)), 'loop', NOW));
    expect(err).toBeInstanceOf(NodeFailedError);
    expect(err.message).toContain('"route"');
    expect(err.message).toContain('no route for this topic');
  });

  test('a router that routes to a node the graph does not have rejects with INVALID_UPDATE', async () => {
    const g = new StateGraph(State)
      .addNode('route', () => ({}))
      .addNode('x', () => ({}))
      .addEdge(START, 'route')
      .addConditionalEdges('route', () => 'nowhere')
      .compile();
    const running = startNext(g, await afterInput(g, {}));
    const s = taskDone(running, taskOf(running, 'route').id, done({}));
    const err = await catchAsyncError(commitStep(viewOf(g, s), 'loop', NOW));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toContain('"nowhere"');
  });

  test('a router that returns nothing rejects with a DurableGraphError, not a TypeError', async () => {
    // A JavaScript router with a missing return: the user's graph is at fault, so the step must be refused
    // with a code, not fail the workflow task as a bug of durable-graph would.
    const g = new StateGraph(State)
      .addNode('route', () => ({}))
      .addNode('x', () => ({}))
      .addEdge(START, 'route')
      .addConditionalEdges('route', ((s: typeof State.State) => (s.topic === 'x' ? 'x' : undefined)) as () => string)
      .compile();
    const running = startNext(g, await afterInput(g, {}));
    const s = taskDone(running, taskOf(running, 'route').id, done({}));
    const err = await catchAsyncError(commitStep(viewOf(g, s), 'loop', NOW));
    expect(['NODE_FAILED', 'INVALID_UPDATE']).toContain(err.code);
  });

  test('a Command goto to a node the graph does not have rejects with INVALID_UPDATE', async () => {
    const { g, state } = await parallelUnderWay();
    let s = taskDone(state, taskOf(state, 'left').id, { update: {}, goto: 'nowhere' });
    s = taskDone(s, taskOf(s, 'right').id, done({}));
    expect((await catchAsyncError(commitStep(viewOf(g, s), 'loop', NOW))).code).toBe('INVALID_UPDATE');
  });

  test('committing without a step under way is a bug of the shell, not a refusal', async () => {
    const state = await afterInput(graph, {});
    await expect(commitStep(viewOf(graph, state), 'loop', NOW)).rejects.toThrow('without a step under way');
    await expect(commitStep(viewOf(graph, state), 'loop', NOW)).rejects.not.toBeInstanceOf(DurableGraphError);
  });

  test('a step committed by updateState is recorded with source update', async () => {
    const { state } = await waitingAtAsk(graph);
    const s = taskDone(cancelTasks(state, () => false), taskOf(state, 'ask').id, done({ topic: 'edited' }));
    const committed = await commitStep(viewOf(graph, s), 'update', NOW);
    expect(committed.state.data.checkpoints.at(-1)).toEqual(expect.objectContaining({ step: 2, source: 'update', writes: { ask: { topic: 'edited' } } }));
  });
});

describe('stepRefused', () => {
  test('a step the graph refused stops the run with the error and counts every task as failed', async () => {
    const { state } = await parallelUnderWay();
    const s = raise(parallelGraph(), taskDone(state, taskOf(state, 'left').id, done({})), 'right').state;
    const error = { code: 'INVALID_UPDATE' as const, message: 'conflict' };
    const refused = stepRefused(deepFreeze(s), error);
    expect(refused.data.error).toEqual(error);
    expect(refused.flight!.tasks.map((t) => [t.status, t.pending])).toEqual([
      ['failed', []],
      ['failed', []],
    ]);
  });
});

