import { ANONYMOUS } from '../../../../src/engine/identity';
import { Command, type CommandParams } from '../../../../src/engine/command';
import { END, START } from '../../../../src/engine/constants';
import type { Values } from '../../../../src/engine/state';
import type { Checkpoint, ThreadState } from '../../../../src/runtime/core/data';
import { applyUpdateState, continueRun, fork, startInput } from '../../../../src/runtime/core/requests';
import { answerTaken, commitStep, startStep, taskDone, taskFailed, taskPaused } from '../../../../src/runtime/core/steps';
import { pendingInterrupts } from '../../../../src/runtime/core/view';
import {
  afterInput,
  askingGraph,
  deepFreeze,
  frozenWithCopy,
  newThread,
  NOW,
  parallelGraph,
  raise,
  runStep,
  startNext,
  taskOf,
  updateRequest,
  viewOf,
  waitingAtAsk,
  wire,
} from './threadFixtures';

const graph = askingGraph();

/** (step, source, next) of every checkpoint, newest first: how LangGraph's history is compared. */
function layout(state: ThreadState): Array<[number, string, string[]]> {
  return [...state.data.checkpoints].reverse().map((c) => [c.step, c.source, c.next.map((t) => t.node)]);
}

function head(state: ThreadState): Checkpoint {
  return state.data.checkpoints.at(-1)!;
}

function command(params: CommandParams): Command {
  return wire(new Command(params)) as unknown as Command; // the wire shape continueRun receives (a plain object with lg_name)
}

/** Runs the step under way to its end (every running task returns nothing) and commits it. */
async function finishStep(state: ThreadState, outputs: Record<string, Values> = {}): Promise<ThreadState> {
  let s = state;
  for (const t of s.flight!.tasks) if (t.status === 'running') s = taskDone(s, t.id, { update: outputs[t.node] ?? {} });
  return (await commitStep(viewOf(graph, s), 'loop', NOW)).state;
}

async function finished(): Promise<ThreadState> {
  let state = await afterInput(graph, { topic: 'refund' });
  while (state.data.next.length) state = await runStep(graph, state, { plan: { log: 'planned' }, ask: { log: 'asked' }, finish: { log: 'finished' } });
  return state;
}

describe('startInput', () => {
  test('new input writes an input checkpoint at step -1 with next __start__ and the input as its write', () => {
    const { state, before } = frozenWithCopy(newThread(graph));
    const taken = startInput(viewOf(graph, state), { topic: 'refund' }, NOW, ANONYMOUS);
    expect(state).toEqual(before);
    expect(taken.data.checkpoints).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        step: -1,
        source: 'input',
        values: { log: [] },
        next: [{ node: START, arg: { topic: 'refund' }, push: true }],
        joins: {},
        writes: { [START]: { topic: 'refund' } },
        createdAt: NOW,
        size: expect.any(Number),
      },
    ]);
    expect(taken.data).toEqual(expect.objectContaining({ step: -1, runSeq: 1, next: [{ node: START, arg: { topic: 'refund' }, push: true }] }));
    expect(taken.flight).toBeUndefined();
  });

  test('the START step then commits step 0 with next = the entry node and no writes', async () => {
    const state = await afterInput(graph, { topic: 'refund' });
    expect(layout(state)).toEqual([
      [0, 'loop', ['plan']],
      [-1, 'input', [START]],
    ]);
    expect(head(state).writes).toBeUndefined();
    expect(state.data.values).toEqual({ topic: 'refund', log: [] });
  });

  test('a run that asks once and is answered has the history LangGraph gives: -1 input, then one loop checkpoint per step', async () => {
    const { state: waiting, id } = await waitingAtAsk(graph);
    const resumed = await continueRun(viewOf(graph, deepFreeze(waiting)), command({ resume: 'approve' }), { [id]: 'approve' }, NOW, ANONYMOUS);
    const taken = answerTaken(resumed.state, taskOf(resumed.state, 'ask').id, id);
    expect(taken.answer).toBe('approve');
    const afterAsk = await finishStep(taken.state, { ask: { log: 'approved' } });
    const end = await runStep(graph, afterAsk);
    expect(layout(end)).toEqual([
      [3, 'loop', []],
      [2, 'loop', ['finish']],
      [1, 'loop', ['ask']],
      [0, 'loop', ['plan']],
      [-1, 'input', [START]],
    ]);
    expect(end.data.values).toEqual({ topic: 'refund', log: ['planned', 'approved'] });
    const ids = end.data.checkpoints.map((c) => c.id);
    expect(end.data.checkpoints.map((c) => c.parentId)).toEqual([undefined, ...ids.slice(0, -1)]);
  });

  test('new input on a finished thread continues its numbering and its values: the next run starts from them', async () => {
    const done = await finished();
    const last = done.data.step;
    const next = await afterInput(graph, { log: ['turn 2'] }, done);
    expect(layout(next).slice(0, 2)).toEqual([
      [last + 2, 'loop', ['plan']],
      [last + 1, 'input', [START]],
    ]);
    expect(next.data.values).toEqual({ topic: 'refund', log: ['planned', 'asked', 'finished', 'turn 2'] });
    expect(next.data.runSeq).toBe(done.data.runSeq + 1);
  });

  test('new input clears an error and a breakpoint and drops a failed step', async () => {
    const running = startNext(graph, await afterInput(graph, {}));
    const failed = taskFailed(running, taskOf(running, 'plan').id, { code: 'NODE_FAILED', message: 'boom', node: 'plan' });
    const stuck: ThreadState = { ...failed, data: { ...failed.data, error: { code: 'RECURSION_LIMIT', message: 'too deep' }, breakpoint: 'after' } };
    const taken = startInput(viewOf(graph, stuck), { topic: 'again' }, NOW, ANONYMOUS);
    expect(taken.flight).toBeUndefined();
    expect(taken.data.error).toBeUndefined();
    expect(taken.data.breakpoint).toBeUndefined();
  });
});

describe('continueRun', () => {
  test('invoke(null) at a breakpoint before a node clears it and asks to run the paused step without stopping again', async () => {
    const afterPlan = await runStep(graph, await afterInput(graph, {}));
    const { state, before } = frozenWithCopy({ data: { ...afterPlan.data, breakpoint: 'before' } });
    const continued = await continueRun(viewOf(graph, state), undefined, undefined, NOW, ANONYMOUS);
    expect(state).toEqual(before);
    expect(continued.skipBefore).toBe(true);
    expect(continued.state.data.breakpoint).toBeUndefined();
    expect(continued.state.data.next).toEqual([{ node: 'ask' }]);
    expect(continued.state.data.checkpoints).toEqual(afterPlan.data.checkpoints);
  });

  test('invoke(null) at a breakpoint after a node clears it and does not skip a before-breakpoint', async () => {
    const afterPlan = await runStep(graph, await afterInput(graph, {}));
    const continued = await continueRun(viewOf(graph, { data: { ...afterPlan.data, breakpoint: 'after' } }), undefined, undefined, NOW, ANONYMOUS);
    expect(continued.skipBefore).toBe(false);
    expect(continued.state.data.breakpoint).toBeUndefined();
  });

  test('invoke(null) after a failed node clears the error and runs the node again as a new attempt', async () => {
    const running = startNext(graph, await afterInput(graph, {}));
    const oldId = taskOf(running, 'plan').id;
    const error = { code: 'NODE_FAILED' as const, message: 'boom', node: 'plan' };
    const failed = taskFailed(running, oldId, error);
    const { state, before } = frozenWithCopy({ ...failed, data: { ...failed.data, error } });
    const continued = await continueRun(viewOf(graph, state), undefined, undefined, NOW, ANONYMOUS);
    expect(state).toEqual(before);
    expect(continued.state.data.error).toBeUndefined();
    const retry = taskOf(continued.state, 'plan');
    expect(retry.status).toBe('running');
    expect(retry.id).not.toBe(oldId);
  });

  test('invoke(null) after a NodeInterrupt runs the node again', async () => {
    const running = startNext(graph, await afterInput(graph, {}));
    const paused = taskPaused(running, taskOf(running, 'plan').id, { value: 'need a topic' });
    const continued = await continueRun(viewOf(graph, paused), undefined, undefined, NOW, ANONYMOUS);
    expect(taskOf(continued.state, 'plan').status).toBe('running');
    expect(pendingInterrupts(continued.state)).toEqual([]);
  });

  test('invoke(null) while a node waits changes nothing: the same interrupt stays pending', async () => {
    const { state: waiting, id } = await waitingAtAsk(graph);
    const continued = await continueRun(viewOf(graph, deepFreeze(waiting)), undefined, undefined, NOW, ANONYMOUS);
    expect(pendingInterrupts(continued.state)).toEqual([{ id, value: 'question from ask' }]);
    expect(continued.state.data.checkpoints).toEqual(waiting.data.checkpoints);
  });

  test('Command({ resume }) delivers the answers admission bound', async () => {
    const { state: waiting, id } = await waitingAtAsk(graph);
    const { state, before } = frozenWithCopy(waiting);
    const continued = await continueRun(viewOf(graph, state), command({ resume: 'approve' }), { [id]: 'approve' }, NOW, ANONYMOUS);
    expect(state).toEqual(before);
    expect(taskOf(continued.state, 'ask').answers).toEqual({ [id]: 'approve' });
    expect(continued.state.data.answered).toEqual([id]);
  });

  test('Command({ update, resume }) applies the update first, as an update checkpoint that keeps the waiting node next', async () => {
    const { state: waiting, id } = await waitingAtAsk(graph);
    const continued = await continueRun(viewOf(graph, deepFreeze(waiting)), command({ update: { log: 'edited' }, resume: 'yes' }), { [id]: 'yes' }, NOW, ANONYMOUS);
    expect(head(continued.state)).toEqual(
      expect.objectContaining({ step: 2, source: 'update', values: { topic: 'refund', log: ['planned', 'edited'] }, next: [{ node: 'ask' }], writes: { __update__: { log: 'edited' } } }),
    );
    expect(continued.state.data.values.log).toEqual(['planned', 'edited']);
    expect(taskOf(continued.state, 'ask').answers).toEqual({ [id]: 'yes' });
  });

  test('the step committed after an updateState made during it is numbered after the update checkpoint, as in LangGraph', async () => {
    // LangGraph (langgraph-semantics.md 1.7, 1.8): head at step 1 (next ask); updateState writes step 2 (update);
    // the resumed step then commits step 3 (loop). Step numbers never repeat in a history.
    const { state: waiting, id } = await waitingAtAsk(graph);
    const updated = await applyUpdateState(viewOf(graph, deepFreeze(waiting)), updateRequest({ log: 'edited' }), NOW);
    const continued = await continueRun(viewOf(graph, updated), command({ resume: 'yes' }), { [id]: 'yes' }, NOW, ANONYMOUS);
    const taken = answerTaken(continued.state, taskOf(continued.state, 'ask').id, id);
    const committed = await finishStep(taken.state);
    expect(layout(committed).slice(0, 3)).toEqual([
      [3, 'loop', ['finish']],
      [2, 'update', ['ask']],
      [1, 'loop', ['ask']],
    ]);
  });

  test('Command({ goto }) on a finished thread plans the target', async () => {
    const continued = await continueRun(viewOf(graph, await finished()), command({ goto: 'finish' }), undefined, NOW, ANONYMOUS);
    expect(continued.state.data.next).toEqual([{ node: 'finish' }]);
  });

  test('Command({ goto }) at a breakpoint adds its target to the paused step', async () => {
    const afterPlan = await runStep(graph, await afterInput(graph, {}));
    const continued = await continueRun(viewOf(graph, { data: { ...afterPlan.data, breakpoint: 'before' } }), command({ goto: 'finish' }), undefined, NOW, ANONYMOUS);
    expect(continued.state.data.next).toEqual([{ node: 'ask' }, { node: 'finish' }]);
  });

  test('Command({ goto }) to the node a breakpoint paused before runs that node once, not twice', async () => {
    // A node triggered twice runs once (planNext's rule); two tasks of `ask` would write `topic` twice in one step.
    const afterPlan = await runStep(graph, await afterInput(graph, {}));
    const continued = await continueRun(viewOf(graph, { data: { ...afterPlan.data, breakpoint: 'before' } }), command({ goto: 'ask' }), undefined, NOW, ANONYMOUS);
    expect(continued.state.data.next).toEqual([{ node: 'ask' }]);
  });

  test('Command({ goto }) after a NodeInterrupt is not lost: its target runs with the re-run step or right after it', async () => {
    // LangGraph (langgraph-semantics.md 1.2): a goto target runs in addition to the pending node in the same step.
    const running = startNext(graph, await afterInput(graph, {}));
    const paused = taskPaused(running, taskOf(running, 'plan').id, { value: 'need a topic' });
    const continued = await continueRun(viewOf(graph, paused), command({ goto: 'finish' }), undefined, NOW, ANONYMOUS);
    const inStep = continued.state.flight!.tasks.map((t) => t.node);
    const committed = await finishStep(continued.state);
    const ranOrNext = [...inStep, ...committed.data.next.map((t) => t.node)];
    expect(ranOrNext).toContain('finish');
  });
});

describe('applyUpdateState', () => {
  test('updateState on a thread that never ran seeds it as the input: step 0, source update, next = the entry node', async () => {
    const { state, before } = frozenWithCopy(newThread(graph));
    const seeded = await applyUpdateState(viewOf(graph, state), updateRequest({ topic: 'seeded' }), NOW);
    expect(state).toEqual(before);
    expect(layout(seeded)).toEqual([[0, 'update', ['plan']]]);
    expect(head(seeded).writes).toEqual({ [START]: { topic: 'seeded' } });
    expect(seeded.data).toEqual(expect.objectContaining({ step: 0, values: { topic: 'seeded', log: [] }, next: [{ node: 'plan' }], runSeq: 1 }));
  });

  test('a seeded thread then runs its entry node as step 1', async () => {
    const seeded = await applyUpdateState(viewOf(graph, newThread(graph)), updateRequest({ topic: 'seeded' }), NOW);
    const running = startStep(viewOf(graph, seeded), seeded.data.next);
    expect(running.flight!.step).toBe(1);
    expect(taskOf(running, 'plan').status).toBe('running');
  });

  test('updateState as a node on a thread that never ran plans that node\'s successors', async () => {
    const seeded = await applyUpdateState(viewOf(graph, newThread(graph)), updateRequest({ log: 'pre-planned' }, 'plan'), NOW);
    expect(layout(seeded)).toEqual([[0, 'update', ['ask']]]);
    expect(head(seeded).writes).toEqual({ plan: { log: 'pre-planned' } });
    expect(seeded.data.values.log).toEqual(['pre-planned']);
  });

  test('updateState without asNode while a node waits keeps the interrupt pending (same id) and writes an update checkpoint', async () => {
    const { state: waiting, id } = await waitingAtAsk(graph);
    const { state, before } = frozenWithCopy(waiting);
    const updated = await applyUpdateState(viewOf(graph, state), updateRequest({ topic: 'edited' }), NOW);
    expect(state).toEqual(before);
    expect(pendingInterrupts(updated)).toEqual([{ id, value: 'question from ask' }]);
    expect(updated.data.values.topic).toBe('edited');
    expect(head(updated)).toEqual(expect.objectContaining({ step: 2, source: 'update', next: [{ node: 'ask' }], writes: { __update__: { topic: 'edited' } } }));
  });

  test('updateState without asNode on a finished thread applies the values through the reducers and leaves nothing next', async () => {
    const done = await finished();
    const updated = await applyUpdateState(viewOf(graph, done), updateRequest({ log: 'note' }), NOW);
    expect(updated.data.values.log).toEqual(['planned', 'asked', 'finished', 'note']);
    expect(head(updated)).toEqual(expect.objectContaining({ step: done.data.step + 1, source: 'update', next: [] }));
  });

  test('updateState as the waiting node cancels its question and commits its values as the node output', async () => {
    const { state: waiting } = await waitingAtAsk(graph);
    const updated = await applyUpdateState(viewOf(graph, deepFreeze(waiting)), updateRequest({ log: 'edited instead' }, 'ask'), NOW);
    expect(updated.flight).toBeUndefined();
    expect(pendingInterrupts(updated)).toEqual([]);
    expect(updated.data.values.log).toEqual(['planned', 'edited instead']);
    expect(head(updated)).toEqual(expect.objectContaining({ step: 2, source: 'update', next: [{ node: 'finish' }], writes: { ask: { log: 'edited instead' } } }));
  });

  test('updateState as one waiting node while a sibling still waits keeps the step under way, the sibling still next', async () => {
    const g = parallelGraph();
    const running = startNext(g, await afterInput(g, {}));
    const left = raise(g, running, 'left');
    const right = raise(g, left.state, 'right');
    const updated = await applyUpdateState(viewOf(g, deepFreeze(right.state)), updateRequest({ log: 'left by hand' }, 'left'), NOW);
    expect(taskOf(updated, 'left')).toEqual(expect.objectContaining({ status: 'done', output: { update: { log: 'left by hand' } } }));
    expect(pendingInterrupts(updated)).toEqual([{ id: right.id, value: 'question from right' }]);
    expect(head(updated)).toEqual(expect.objectContaining({ source: 'update', values: { log: ['left by hand'] }, next: [{ node: 'right' }], writes: { left: { log: 'left by hand' } } }));
  });

  test('updateState(null, { asNode: END }) drops all pending work, keeps the writes of finished siblings and leaves nothing next', async () => {
    const g = parallelGraph();
    const running = startNext(g, await afterInput(g, {}));
    const leftDone = taskDone(running, taskOf(running, 'left').id, { update: { log: 'left' } });
    const rightAsks = raise(g, leftDone, 'right').state;
    const { state, before } = frozenWithCopy(rightAsks);
    const dropped = await applyUpdateState(viewOf(g, state), updateRequest(null, END), NOW);
    expect(state).toEqual(before);
    expect(dropped.flight).toBeUndefined();
    expect(dropped.data.values.log).toEqual(['left']);
    expect(dropped.data.next).toEqual([]);
    expect(head(dropped)).toEqual(expect.objectContaining({ step: 1, source: 'update', next: [], writes: { [END]: null } }));
  });

  test('updateState as a node that is not waiting stands for that node: next is what follows it', async () => {
    const afterPlan = await runStep(graph, await afterInput(graph, {}));
    const atBreakpoint: ThreadState = { data: { ...afterPlan.data, breakpoint: 'before' } };
    const updated = await applyUpdateState(viewOf(graph, deepFreeze(atBreakpoint)), updateRequest({ log: 'skipped ask' }, 'ask'), NOW);
    expect(updated.data.breakpoint).toBeUndefined();
    expect(updated.data.next).toEqual([{ node: 'finish' }]);
    expect(head(updated)).toEqual(expect.objectContaining({ step: 2, source: 'update', next: [{ node: 'finish' }], writes: { ask: { log: 'skipped ask' } } }));
  });

  test('updateState clears the error of a failed node without running anything', async () => {
    const running = startNext(graph, await afterInput(graph, {}));
    const error = { code: 'NODE_FAILED' as const, message: 'boom', node: 'plan' };
    const failed = taskFailed(running, taskOf(running, 'plan').id, error);
    const updated = await applyUpdateState(viewOf(graph, { ...failed, data: { ...failed.data, error } }), updateRequest({ topic: 'fixed' }), NOW);
    expect(updated.data.error).toBeUndefined();
    expect(updated.data.values.topic).toBe('fixed');
    expect(taskOf(updated, 'plan').status).toBe('failed');
  });
});

describe('fork', () => {
  test('forking from a past checkpoint writes a fork checkpoint at its step + 1 with its values and next', async () => {
    const done = await finished();
    const base = done.data.checkpoints.find((c) => c.step === 1)!;
    const { state, before } = frozenWithCopy(done);
    const forked = fork(viewOf(graph, state), base.id, NOW);
    expect(state).toEqual(before);
    expect(head(forked)).toEqual(expect.objectContaining({ step: 2, source: 'fork', values: base.values, next: base.next }));
    expect(head(forked).writes).toBeUndefined();
    expect(forked.data).toEqual(expect.objectContaining({ step: 2, values: base.values, next: [{ node: 'ask' }], runSeq: done.data.runSeq + 1 }));
  });

  test('the fork checkpoint\'s parent is the checkpoint it was forked from, as in LangGraph', async () => {
    const done = await finished();
    const base = done.data.checkpoints.find((c) => c.step === 1)!;
    const forked = fork(viewOf(graph, done), base.id, NOW);
    expect(head(forked).parentId).toBe(base.id);
  });

  test('forking while a node waits drops the step under way, its question, an error and a breakpoint', async () => {
    const { state: waiting } = await waitingAtAsk(graph);
    const base = waiting.data.checkpoints[0];
    const forked = fork(viewOf(graph, { ...waiting, data: { ...waiting.data, breakpoint: 'after', error: { code: 'NODE_FAILED', message: 'x' } } }), base.id, NOW);
    expect(forked.flight).toBeUndefined();
    expect(pendingInterrupts(forked)).toEqual([]);
    expect(forked.data.breakpoint).toBeUndefined();
    expect(forked.data.error).toBeUndefined();
    expect(head(forked)).toEqual(expect.objectContaining({ step: 0, source: 'fork', next: base.next }));
  });

  test('forking from the head changes nothing', async () => {
    const done = await finished();
    expect(fork(viewOf(graph, done), head(done).id, NOW)).toBe(done);
  });
});
