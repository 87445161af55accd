import { ANONYMOUS } from '../../../../src/engine/identity';
import { Command } from '../../../../src/engine/command';
import { END, START } from '../../../../src/engine/constants';
import {
  AlreadyAnsweredError,
  AmbiguousResumeError,
  DurableGraphError,
  InvalidAnswerError,
  InvalidCommandError,
  InvalidUpdateError,
  NothingToResumeError,
  PendingInterruptError,
  ThreadBusyError,
  UnknownGraphError,
  UnknownInterruptIdError,
} from '../../../../src/engine/errors';
import type { Values } from '../../../../src/engine/state';
import { admit, isIdMap, type AdmissionContext } from '../../../../src/runtime/core/admission';
import type { ThreadState } from '../../../../src/runtime/core/data';
import { enqueue } from '../../../../src/runtime/core/mailbox';
import { answerTaken, deliverAnswers, interruptTimedOut, taskPaused, taskFailed } from '../../../../src/runtime/core/steps';
import type { ThreadRequest } from '../../../../src/runtime/protocol';
import { catchError } from '../../graph/catchError';
import {
  acceptAnything,
  afterInput,
  askingGraph,
  deepFreeze,
  frozenWithCopy,
  newThread,
  parallelGraph,
  raise,
  runRequest,
  runStep,
  startNext,
  taskOf,
  updateRequest,
  viewOf,
  waitingAtAsk,
  wire,
  withActive,
  NOW,
} from './threadFixtures';

const graph = askingGraph();

function admitted(state: ThreadState, request: ThreadRequest, ctx: Partial<AdmissionContext> = {}) {
  return admit(viewOf(graph, deepFreeze(state)), deepFreeze(request), { atTurn: false, checkAnswer: acceptAnything, ...ctx });
}

/** The refusal admit throws, after checking that the (frozen) state it was given is unchanged. */
function refusal(state: ThreadState, request: ThreadRequest, ctx: Partial<AdmissionContext> = {}, g = graph): DurableGraphError {
  const frozen = frozenWithCopy(state);
  const err = catchError(() => admit(viewOf(g, frozen.state), deepFreeze(request), { atTurn: false, checkAnswer: acceptAnything, ...ctx }));
  expect(frozen.state).toEqual(frozen.before);
  return err;
}

const resume = (answer: unknown) => runRequest(wire(new Command({ resume: answer })));

/** The asking graph after plan, paused before ask (interruptBefore: ['ask']). */
async function atBreakpointBeforeAsk(): Promise<ThreadState> {
  const afterPlan = await runStep(graph, await afterInput(graph, { topic: 'refund' }));
  return { data: { ...afterPlan.data, breakpoint: 'before' } };
}

/** The asking graph run to its end. */
async function finished(): Promise<ThreadState> {
  let state = await afterInput(graph, { topic: 'refund' });
  while (state.data.next.length) state = await runStep(graph, state);
  return state;
}

/** Both nodes of the parallel graph wait for an answer. */
async function twoWaiting(): Promise<{ state: ThreadState; left: string; right: string }> {
  const g = parallelGraph();
  const running = startNext(g, await afterInput(g, {}));
  const left = raise(g, running, 'left');
  const right = raise(g, left.state, 'right');
  return { state: right.state, left: left.id, right: right.id };
}

describe('isIdMap', () => {
  test('a non-empty object whose every key has the interrupt id format is an id map', () => {
    expect(isIdMap({ ['a'.repeat(32)]: 'yes', ['0123456789abcdef'.repeat(2)]: 'no' })).toBe(true);
  });

  test('an empty object, an object with one non-id key, an array or a string is one plain answer', () => {
    expect(isIdMap({})).toBe(false);
    expect(isIdMap({ ['a'.repeat(32)]: 'yes', approve: true })).toBe(false);
    expect(isIdMap({ ['A'.repeat(32)]: 'yes' })).toBe(false);
    expect(isIdMap(['a'.repeat(32)])).toBe(false);
    expect(isIdMap('a'.repeat(32))).toBe(false);
  });
});

describe('admit: who may send a request', () => {
  test('a request for another graph is refused as UNKNOWN_GRAPH, naming both graphs', async () => {
    const err = refusal(await finished(), { ...runRequest({ topic: 'x' }), graph: 'other' });
    expect(err).toBeInstanceOf(UnknownGraphError);
    expect(err.code).toBe('UNKNOWN_GRAPH');
    expect(err.message).toContain('"review"');
    expect(err.message).toContain('"other"');
  });

  test('a request while another is under way is refused as THREAD_BUSY', async () => {
    const err = refusal(withActive(await finished()), runRequest({ topic: 'x' }));
    expect(err).toBeInstanceOf(ThreadBusyError);
    expect(err.code).toBe('THREAD_BUSY');
    expect(err.message).toContain('enqueue');
  });

  test('an updateState while a request is queued is refused as THREAD_BUSY too', async () => {
    const state = await finished();
    const queued: ThreadState = { data: { ...state.data, mailbox: enqueue(state.data.mailbox, { request: runRequest(null) }) } };
    expect(refusal(queued, updateRequest({ topic: 'x' })).code).toBe('THREAD_BUSY');
  });

  test('with multitaskStrategy enqueue a request to a busy thread is admitted', async () => {
    expect(admitted(withActive(await finished()), runRequest({ topic: 'x' }, { multitaskStrategy: 'enqueue' }))).toEqual({});
  });

  test('at its turn a request is not refused because the thread is busy with it', async () => {
    const request = runRequest({ topic: 'x' });
    expect(admitted(withActive(await finished(), request), request, { atTurn: true })).toEqual({});
  });

  test('a checkpoint id the thread does not keep is refused as INVALID_COMMAND', async () => {
    const err = refusal(await finished(), runRequest(null, { checkpointId: 'f'.repeat(32) }));
    expect(err).toBeInstanceOf(InvalidCommandError);
    expect(err.code).toBe('INVALID_COMMAND');
    expect(err.message).toContain('f'.repeat(32));
  });

  test('an updateState with a checkpoint id the thread does not keep is refused as INVALID_COMMAND', async () => {
    expect(refusal(await finished(), updateRequest({ topic: 'x' }, undefined, { checkpointId: 'nope' })).code).toBe('INVALID_COMMAND');
  });
});

describe('admit: runs', () => {
  test.each([0, -3, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('a recursionLimit of %p is refused as INVALID_COMMAND', async (limit) => {
    const err = refusal(await finished(), runRequest({ topic: 'x' }, { recursionLimit: limit }));
    expect(err).toBeInstanceOf(InvalidCommandError);
    expect(err.message).toContain('recursionLimit');
  });

  test('a recursionLimit of 1 is admitted', async () => {
    expect(admitted(await finished(), runRequest({ topic: 'x' }, { recursionLimit: 1 }))).toEqual({});
  });

  test('invoke(null) on a thread that never ran is refused as NOTHING_TO_RESUME', () => {
    const err = refusal(newThread(graph), runRequest(null));
    expect(err).toBeInstanceOf(NothingToResumeError);
    expect(err.code).toBe('NOTHING_TO_RESUME');
    expect(err.message).toContain('never run');
  });

  test('a Command on a thread that never ran is refused as NOTHING_TO_RESUME', () => {
    expect(refusal(newThread(graph), resume('yes')).code).toBe('NOTHING_TO_RESUME');
  });

  test('new input on a thread that never ran is admitted', () => {
    expect(admitted(newThread(graph), runRequest({ topic: 'refund' }))).toEqual({});
  });

  test.each([
    ['an array', ['topic']],
    ['a string', 'topic'],
    ['a number', 7],
  ])('input that is %s is refused as INVALID_UPDATE', (_what, input) => {
    const err = refusal(newThread(graph), runRequest(input as unknown as Values)); // deliberately not an object: what a bad client could send
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.code).toBe('INVALID_UPDATE');
  });

  test('input with a key the state does not declare is refused as INVALID_UPDATE, naming the key and the state keys', () => {
    const err = refusal(newThread(graph), runRequest({ topic: 'x', colour: 'red' }));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toContain('"colour"');
    expect(err.message).toContain('topic, log');
  });

  test.each([
    ['toString', { toString: 'x' }],
    ['__proto__', JSON.parse('{"__proto__":1}') as Values],
    ['constructor', { constructor: 'x' }],
    ['hasOwnProperty', { hasOwnProperty: 'x' }],
  ])('input with the own key %s is refused as INVALID_UPDATE', (key, input) => {
    expect(Object.keys(input)).toEqual([key]);
    const err = refusal(newThread(graph), runRequest(input));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toContain(JSON.stringify(key));
  });

  test('new input while a node waits for an answer is refused as PENDING_INTERRUPT', async () => {
    const { state } = await waitingAtAsk(graph);
    const err = refusal(state, runRequest({ topic: 'other' }));
    expect(err).toBeInstanceOf(PendingInterruptError);
    expect(err.code).toBe('PENDING_INTERRUPT');
    expect(err.message).toContain('asNode: END');
  });

  test('new input at a breakpoint before a node is refused as PENDING_INTERRUPT', async () => {
    expect(refusal(await atBreakpointBeforeAsk(), runRequest({ topic: 'other' })).code).toBe('PENDING_INTERRUPT');
  });

  test('new input while a node is paused by NodeInterrupt is refused as PENDING_INTERRUPT', async () => {
    const running = startNext(graph, await runStep(graph, await afterInput(graph, {})));
    const paused = taskPaused(running, taskOf(running, 'ask').id, { value: 'fix the topic first' });
    expect(refusal(paused, runRequest({ topic: 'other' })).code).toBe('PENDING_INTERRUPT');
  });

  test('new input at a pause after the last node is admitted: no work is left to lose', async () => {
    const state = await finished();
    expect(admitted({ data: { ...state.data, breakpoint: 'after' } }, runRequest({ topic: 'next turn' }))).toEqual({});
  });

  test('new input on a finished thread is admitted', async () => {
    expect(admitted(await finished(), runRequest({ topic: 'next turn' }))).toEqual({});
  });

  test('new input on a thread whose node failed is admitted', async () => {
    const running = startNext(graph, await afterInput(graph, {}));
    const failed = taskFailed(running, taskOf(running, 'plan').id, { code: 'NODE_FAILED', message: 'boom', node: 'plan' });
    expect(admitted(failed, runRequest({ topic: 'again' }))).toEqual({});
  });

  test('new input with a past checkpoint id while a node waits is admitted: it forks', async () => {
    const { state } = await waitingAtAsk(graph);
    const past = state.data.checkpoints[1].id;
    expect(admitted(state, runRequest({ topic: 'other' }, { checkpointId: past }))).toEqual({});
  });

  test('new input queued while the thread is busy passes at arrival and is refused as PENDING_INTERRUPT at its turn', async () => {
    const { state } = await waitingAtAsk(graph);
    const input = runRequest({ topic: 'other' }, { multitaskStrategy: 'enqueue' });
    expect(admitted(withActive(state), input)).toEqual({});
    expect(refusal(withActive(state, input), input, { atTurn: true }).code).toBe('PENDING_INTERRUPT');
  });

  test('invoke(null) while a node waits is admitted and binds no answer', async () => {
    const { state } = await waitingAtAsk(graph);
    expect(admitted(state, runRequest(null))).toEqual({});
  });
});

describe('admit: commands', () => {
  test('an empty Command is refused as INVALID_COMMAND', async () => {
    const { state } = await waitingAtAsk(graph);
    const err = refusal(state, runRequest(wire(new Command({}))));
    expect(err).toBeInstanceOf(InvalidCommandError);
    expect(err.message).toContain('empty');
  });

  test('Command({ resume: null }) is refused as INVALID_COMMAND: null is not an answer', async () => {
    const { state } = await waitingAtAsk(graph);
    const err = refusal(state, resume(null));
    expect(err).toBeInstanceOf(InvalidCommandError);
    expect(err.message).toContain('null');
  });

  test('an answer of null given by id is refused as INVALID_COMMAND', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const err = refusal(state, resume({ [id]: null }));
    expect(err).toBeInstanceOf(InvalidCommandError);
    expect(err.message).toContain(id);
  });

  test('a Command update that is not an object is refused as INVALID_COMMAND', async () => {
    const { state } = await waitingAtAsk(graph);
    expect(refusal(state, runRequest({ lg_name: 'Command', update: ['topic', 'x'] })).code).toBe('INVALID_COMMAND');
  });

  test.each([
    ['an undeclared key', { colour: 'red' }],
    ['the own key toString', { toString: 'x' }],
    ['the own key __proto__', JSON.parse('{"__proto__":1}') as Values],
    ['the own key constructor', { constructor: 'x' }],
    ['the own key hasOwnProperty', { hasOwnProperty: 'x' }],
  ])('a Command update with %s is refused as INVALID_UPDATE', async (_what, update) => {
    const { state } = await waitingAtAsk(graph);
    expect(refusal(state, runRequest({ lg_name: 'Command', update, resume: 'yes' })).code).toBe('INVALID_UPDATE');
  });

  test('Command({ goto }) while a node waits for an answer is refused as PENDING_INTERRUPT', async () => {
    const { state } = await waitingAtAsk(graph);
    const err = refusal(state, runRequest(wire(new Command({ goto: 'finish' }))));
    expect(err).toBeInstanceOf(PendingInterruptError);
    expect(err.message).toContain('goto');
  });

  test('Command({ goto }) at a breakpoint is admitted', async () => {
    expect(admitted(await atBreakpointBeforeAsk(), runRequest(wire(new Command({ goto: 'finish' }))))).toEqual({});
  });

  test('a resume on a finished thread is refused as NOTHING_TO_RESUME', async () => {
    const err = refusal(await finished(), resume('yes'));
    expect(err).toBeInstanceOf(NothingToResumeError);
    expect(err.message).toContain('no pending interrupt');
  });

  test('a resume at a breakpoint is refused as NOTHING_TO_RESUME, saying invoke(null) continues', async () => {
    const err = refusal(await atBreakpointBeforeAsk(), resume('yes'));
    expect(err.code).toBe('NOTHING_TO_RESUME');
    expect(err.message).toContain('invoke(null)');
  });

  test('one plain answer while two interrupts wait is refused as AMBIGUOUS_RESUME, listing their ids', async () => {
    const { state, left, right } = await twoWaiting();
    const err = refusal(state, resume('yes'), {}, parallelGraph());
    expect(err).toBeInstanceOf(AmbiguousResumeError);
    expect(err.code).toBe('AMBIGUOUS_RESUME');
    expect(err.message).toContain(left);
    expect(err.message).toContain(right);
  });

  test('answers by id to two waiting interrupts are bound to both', async () => {
    const { state, left, right } = await twoWaiting();
    const admission = admit(viewOf(parallelGraph(), deepFreeze(state)), resume({ [left]: 'l', [right]: 'r' }), { atTurn: false, checkAnswer: acceptAnything });
    expect(admission.bound).toEqual({ [left]: 'l', [right]: 'r' });
  });

  test('questions asked concurrently by one task (a tools node) are answered together by id, or one by one once each answer is taken', async () => {
    const { state: waitingA, id: a } = await waitingAtAsk(graph);
    const taskId = taskOf(waitingA, 'ask').id;
    const { state: waitingAB, id: b } = raise(graph, waitingA, 'ask', 'second call');
    expect(admitted(waitingAB, resume({ [a]: 'yes', [b]: 'no' })).bound).toEqual({ [a]: 'yes', [b]: 'no' });
    expect(refusal(waitingAB, resume('yes')).code).toBe('AMBIGUOUS_RESUME');
    const bound = admitted(waitingAB, resume({ [a]: 'yes' })).bound!;
    const taken = answerTaken(deliverAnswers(waitingAB, bound, ANONYMOUS, NOW), taskId, a).state;
    expect(admitted(taken, resume('no')).bound).toEqual({ [b]: 'no' });
  });

  test('an answer to an id that is not pending is refused as UNKNOWN_INTERRUPT_ID, listing the pending ones', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const err = refusal(state, resume({ ['0'.repeat(32)]: 'yes' }));
    expect(err).toBeInstanceOf(UnknownInterruptIdError);
    expect(err.code).toBe('UNKNOWN_INTERRUPT_ID');
    expect(err.message).toContain(id);
  });

  test('an answer to an interrupt already answered is refused as ALREADY_ANSWERED', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const answered = deliverAnswers(state, { [id]: 'yes' }, ANONYMOUS, NOW);
    const err = refusal(answered, resume({ [id]: 'again' }));
    expect(err).toBeInstanceOf(AlreadyAnsweredError);
    expect(err.code).toBe('ALREADY_ANSWERED');
    expect(err.message).toContain(id);
  });

  test.each([0, '', false, [], {}])('the answer %p is an answer like any other', async (answer) => {
    const { state, id } = await waitingAtAsk(graph);
    expect(admitted(state, resume(answer)).bound).toEqual({ [id]: answer });
  });

  test('a plain answer is bound to the one interrupt pending when it arrives', async () => {
    const { state, id } = await waitingAtAsk(graph);
    expect(admitted(state, resume({ approve: true })).bound).toEqual({ [id]: { approve: true } });
  });

  test('an answer the interrupt validator refuses is INVALID_ANSWER, naming the node and the reason', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const seen: Array<[string, unknown]> = [];
    const checkAnswer = (interruptId: string, answer: unknown) => {
      seen.push([interruptId, answer]);
      return 'edit is not allowed here';
    };
    const err = refusal(state, resume({ type: 'edit' }), { checkAnswer });
    expect(err).toBeInstanceOf(InvalidAnswerError);
    expect(err.code).toBe('INVALID_ANSWER');
    expect(err.message).toContain('"ask"');
    expect(err.message).toContain('edit is not allowed here');
    expect(seen).toEqual([[id, { type: 'edit' }]]);
  });

  test('a resume sent with a past checkpoint is admitted without binding: it answers the fork', async () => {
    const { state } = await waitingAtAsk(graph);
    const past = state.data.checkpoints[1].id;
    expect(admitted(state, runRequest(wire(new Command({ resume: 'yes' })), { checkpointId: past }))).toEqual({});
  });

  test('Command({ update, resume }) is admitted with the answer bound', async () => {
    const { state, id } = await waitingAtAsk(graph);
    expect(admitted(state, runRequest(wire(new Command({ update: { topic: 'edited' }, resume: 'yes' })))).bound).toEqual({ [id]: 'yes' });
  });
});

describe('admit: an answer is bound when it arrives and checked again at its turn', () => {
  test('a plain answer bound to A is ALREADY_ANSWERED at its turn once A was answered, and never reaches the next question B', async () => {
    const { state: waitingA, id: a } = await waitingAtAsk(graph);
    const first = resume('first');
    const duplicate = resume('duplicate');
    const firstBound = admitted(waitingA, first).bound!;
    const duplicateBound = admitted(waitingA, { ...duplicate, options: { multitaskStrategy: 'enqueue' } }).bound!;
    expect(firstBound).toEqual({ [a]: 'first' });
    expect(duplicateBound).toEqual({ [a]: 'duplicate' });

    // The first answer is delivered and taken; the node asks its second question, B.
    const delivered = deliverAnswers(waitingA, firstBound, ANONYMOUS, NOW);
    const taken = answerTaken(delivered, taskOf(delivered, 'ask').id, a);
    expect(taken.answer).toBe('first');
    const { state: waitingB, id: b } = raise(graph, taken.state, 'ask', 'second question');
    expect(b).not.toBe(a);

    const err = refusal(withActive(waitingB, duplicate), duplicate, { atTurn: true, bound: duplicateBound });
    expect(err).toBeInstanceOf(AlreadyAnsweredError);
    expect(err.message).toContain(a);
    // Without the binding the same plain answer would have gone to B: the binding is what protects it.
    expect(admitted(waitingB, duplicate, { atTurn: true }).bound).toEqual({ [b]: 'duplicate' });
  });

  test('at its turn a bound answer whose interrupt still waits is admitted with the same binding', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const request = resume('yes');
    const bound = admitted(state, request).bound;
    expect(admitted(withActive(state, request), request, { atTurn: true, bound }).bound).toEqual({ [id]: 'yes' });
  });

  test('at its turn a bound answer whose interrupt timed out meanwhile is refused as UNKNOWN_INTERRUPT_ID', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const request = resume('late');
    const bound = admitted(state, request).bound;
    const timedOut = interruptTimedOut(state, taskOf(state, 'ask').id, id);
    expect(refusal(withActive(timedOut, request), request, { atTurn: true, bound }).code).toBe('UNKNOWN_INTERRUPT_ID');
  });

  test('at its turn the answer is checked by the validator again', async () => {
    const { state } = await waitingAtAsk(graph);
    const request = resume('yes');
    const bound = admitted(state, request).bound;
    const err = refusal(withActive(state, request), request, { atTurn: true, bound, checkAnswer: () => 'quorum changed' });
    expect(err.code).toBe('INVALID_ANSWER');
  });
});

// getState().config names the head checkpoint, and LangGraph users pass it back to invoke and updateState.
// The shell does not fork when the checkpoint is the head (fork() changes nothing there), so such a
// request must be admitted exactly as one without checkpoint id.
describe('admit: a checkpoint id that names the head is no fork', () => {
  test('a resume sent with the head checkpoint id is bound to the pending interrupt, as one without', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const headId = state.data.checkpoints.at(-1)!.id;
    expect(admitted(state, runRequest(wire(new Command({ resume: 'yes' })), { checkpointId: headId })).bound).toEqual({ [id]: 'yes' });
  });

  test('an answer to an interrupt already answered, sent with the head checkpoint id, is refused as ALREADY_ANSWERED', async () => {
    const { state, id } = await waitingAtAsk(graph);
    const answered = deliverAnswers(state, { [id]: 'yes' }, ANONYMOUS, NOW);
    const headId = answered.data.checkpoints.at(-1)!.id;
    expect(refusal(answered, runRequest(wire(new Command({ resume: { [id]: 'again' } })), { checkpointId: headId })).code).toBe('ALREADY_ANSWERED');
  });

  test('new input sent with the head checkpoint id while a node waits is refused as PENDING_INTERRUPT', async () => {
    const { state } = await waitingAtAsk(graph);
    const headId = state.data.checkpoints.at(-1)!.id;
    expect(refusal(state, runRequest({ topic: 'other' }, { checkpointId: headId })).code).toBe('PENDING_INTERRUPT');
  });

  test('updateState as another node, sent with the head checkpoint id while a node waits, is refused as INVALID_UPDATE', async () => {
    const { state } = await waitingAtAsk(graph);
    const headId = state.data.checkpoints.at(-1)!.id;
    expect(refusal(state, updateRequest({ topic: 'x' }, 'finish', { checkpointId: headId })).code).toBe('INVALID_UPDATE');
  });
});

describe('admit: updateState', () => {
  test('updateState on a thread that never ran is admitted: it seeds the thread', () => {
    expect(admitted(newThread(graph), updateRequest({ topic: 'seeded' }))).toEqual({});
  });

  test('updateState without values and without asNode END is refused as INVALID_UPDATE', async () => {
    const err = refusal(await finished(), updateRequest(null));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toContain('null only with asNode: END');
  });

  test('updateState with values that are not an object is refused as INVALID_UPDATE', async () => {
    expect(refusal(await finished(), updateRequest(['topic'] as unknown as Values)).code).toBe('INVALID_UPDATE'); // what a bad client could send
  });

  test.each([
    ['an undeclared key', { colour: 'red' }],
    ['the own key toString', { toString: 'x' }],
    ['the own key __proto__', JSON.parse('{"__proto__":1}') as Values],
    ['the own key constructor', { constructor: 'x' }],
    ['the own key hasOwnProperty', { hasOwnProperty: 'x' }],
  ])('updateState with %s is refused as INVALID_UPDATE', async (_what, values) => {
    expect(refusal(await finished(), updateRequest(values)).code).toBe('INVALID_UPDATE');
  });

  test.each(['nope', 'toString', START])('updateState as %p, which is not a node of the graph, is refused as INVALID_UPDATE', async (asNode) => {
    const err = refusal(await finished(), updateRequest({ topic: 'x' }, asNode));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toContain(JSON.stringify(asNode));
    expect(err.message).toContain('plan, ask, finish');
  });

  test('updateState with values and asNode END is refused as INVALID_UPDATE', async () => {
    const { state } = await waitingAtAsk(graph);
    const err = refusal(state, updateRequest({ topic: 'x' }, END));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toContain('pass null');
  });

  test('updateState as END on a thread that never ran is refused as INVALID_UPDATE', () => {
    expect(refusal(newThread(graph), updateRequest(null, END)).code).toBe('INVALID_UPDATE');
  });

  test('updateState(null, { asNode: END }) while a node waits is admitted', async () => {
    const { state } = await waitingAtAsk(graph);
    expect(admitted(state, updateRequest(null, END))).toEqual({});
  });

  test('updateState as another node while a node waits for an answer is refused as INVALID_UPDATE, naming the waiting node', async () => {
    const { state } = await waitingAtAsk(graph);
    const err = refusal(state, updateRequest({ topic: 'x' }, 'finish'));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toContain('ask');
  });

  test('updateState as the waiting node, or without asNode, while a node waits is admitted', async () => {
    const { state } = await waitingAtAsk(graph);
    expect(admitted(state, updateRequest({ topic: 'x' }, 'ask'))).toEqual({});
    expect(admitted(state, updateRequest({ topic: 'x' }))).toEqual({});
  });
});
