// The thread's request loop: one request at a time, each re-checked when its turn comes, runs driven
// superstep by superstep until they pause, fail or finish.
import { condition } from '@temporalio/workflow';
import { isCommand, type Command } from '../engine/command';
import { INTERRUPT } from '../engine/constants';
import { ANONYMOUS } from '../engine/identity';
import { selected } from '../engine/compiledGraph';
import { updateActive } from './core/activeRequest';
import { admit } from './core/admission';
import type { ActiveRequest, TaskRecord } from './core/data';
import { DEFAULT_RECURSION_LIMIT } from './core/limits';
import { activateNext } from './core/mailbox';
import { applyUpdateState, continueRun, fork, startInput } from './core/requests';
import { recordEvent, records } from './core/eventLog';
import { commitStep, isStartTask, startStep, stepRefused, triggersOf } from './core/steps';
import * as view from './core/view';
import type { RequestOutcome, RunRequest, UpdateStateRequest } from './protocol';
import { configOf } from './snapshot';
import { isRefusal, type Thread } from './thread';

const HANDOVER = Symbol('handover');

/**
 * Serves requests until the thread should continue as new ('handover'), or, with `idleTtlMs`, until
 * it has rested idle (its last run finished, nothing pending) that long ('close').
 */
export async function serve(thread: Thread, idleTtlMs?: number): Promise<'handover' | 'close'> {
  for (;;) {
    if (!thread.state.data.mailbox.active) {
      const called = () => thread.state.data.mailbox.queue.length > 0 || thread.canHandOver();
      thread.rest(called);
      if (idleTtlMs !== undefined && view.status(thread.state) === 'idle') {
        // A request that arrives with the timer's firing is served: the thread closes only if none came.
        if (!(await condition(called, idleTtlMs, { summary: 'durable-graph: an idle thread closes (idleTtl)' })) && !called()) return 'close';
      } else {
        await condition(called);
      }
      if (thread.state.data.mailbox.queue.length === 0) break;
      thread.apply({ ...thread.state, data: { ...thread.state.data, mailbox: activateNext(thread.state.data.mailbox) } });
    }
    const active = thread.state.data.mailbox.active!;
    let outcome: RequestOutcome | typeof HANDOVER;
    try {
      outcome = active.request.kind === 'run' ? await processRun(thread, active.request) : await processUpdate(thread, active.request);
    } catch (err) {
      if (!isRefusal(err)) throw err; // a bug of ours: fail the workflow task, Temporal retries it after a fix
      outcome = thread.outcome(active.request.requestId, { code: err.code, message: err.message });
    }
    if (outcome === HANDOVER) break;
    thread.settle(outcome);
  }
  thread.handingOver = true;
  return 'handover';
}

/** Re-checks a request at its turn (the thread may have changed since it was queued). */
function recheck(thread: Thread, active: ActiveRequest): Record<string, unknown> | undefined {
  return admit(thread, active.request, { atTurn: true, bound: active.bound, checkAnswer: thread.checkAnswer }).bound;
}

async function prepareRun(thread: Thread, request: RunRequest, active: ActiveRequest): Promise<void> {
  if (request.internal) {
    thread.apply(updateActive(thread.state, { prepared: true }));
    return;
  }
  const bound = recheck(thread, active);
  const input = request.input;
  const command = isCommand(input) ? (input as Command) : undefined;
  const now = thread.now();
  let state = thread.state;
  let forkAnswer: ActiveRequest['forkAnswer'];
  const checkpointId = request.options.checkpointId;
  if (checkpointId && checkpointId !== view.head(state)?.id) {
    state = fork(view.withState(thread, state), checkpointId, now);
    if (command && Object.hasOwn(command, 'resume')) forkAnswer = { value: command.resume };
  }
  let skipBefore = false;
  if (input === null || command) {
    const continued = await continueRun(view.withState(thread, state), command, forkAnswer ? undefined : bound, now, request.by ?? ANONYMOUS, thread.tally);
    state = continued.state;
    skipBefore = continued.skipBefore;
  } else {
    state = startInput(view.withState(thread, state), input, now, request.by ?? ANONYMOUS);
  }
  thread.apply(updateActive(state, { prepared: true, skipBefore, ...(forkAnswer ? { forkAnswer } : {}) }));
  // As LangGraph: a call that goes on from a checkpoint streams that state first; new input streams
  // the input checkpoint when its step commits.
  if (input === null || command) thread.apply(recordEvent(thread.state, { mode: 'values', chunk: thread.state.data.values }));
}

async function processRun(thread: Thread, request: RunRequest): Promise<RequestOutcome | typeof HANDOVER> {
  if (!thread.state.data.mailbox.active!.prepared) await prepareRun(thread, request, thread.state.data.mailbox.active!);
  const limit = request.options.recursionLimit ?? DEFAULT_RECURSION_LIMIT;
  const before = request.options.interruptBefore ?? thread.graph.options.interruptBefore;
  const after = request.options.interruptAfter ?? thread.graph.options.interruptAfter;
  const done = () => pausedOrDone(thread, request.requestId);
  for (;;) {
    if (thread.state.flight) {
      const settled = () => !thread.state.flight || thread.state.flight.tasks.every((t) => t.status !== 'running' || view.isBlocked(t));
      thread.rest(settled);
      await condition(settled);
      const tasks = thread.state.flight.tasks;
      // A failure outranks a pause: the caller learns of it now; waiting siblings keep waiting.
      if (tasks.some((t) => t.status === 'failed')) return done();
      if (tasks.some((t) => view.isBlocked(t) || t.status === 'paused')) {
        emitDebug(thread, tasks.filter((t) => view.isBlocked(t) || t.status === 'paused').map(taskResult));
        return done();
      }
      const results = tasks.filter((t) => t.status === 'done' && !isStartTask(t.planned)).map(taskResult);
      let ran: string[];
      try {
        const committed = await commitStep(thread, 'loop', thread.now());
        thread.apply(committed.state);
        ran = committed.ran;
      } catch (err) {
        if (!isRefusal(err)) throw err;
        thread.apply(stepRefused(thread.state, { code: err.code, message: err.message }));
        return done();
      }
      emitDebug(thread, results);
      emitStepEvents(thread);
      // As LangGraph: the after-breakpoint holds even when nothing follows (invoke(null) then finishes).
      if (ran.some((n) => selected(after, n))) {
        thread.apply({ ...thread.state, data: { ...thread.state.data, breakpoint: 'after' } });
        return done();
      }
    }
    const { data } = thread.state;
    const active = data.mailbox.active!;
    if (data.next.length === 0) return done();
    const real = data.next.filter((t) => !isStartTask(t));
    if (!active.skipBefore && real.some((t) => selected(before, t.node))) {
      thread.apply({ ...thread.state, data: { ...data, breakpoint: 'before' } });
      return done();
    }
    if (real.length && active.steps >= limit) {
      const message = `Recursion limit of ${limit} reached without hitting a stop condition; invoke(null) with a larger recursionLimit continues`;
      thread.apply({ ...thread.state, data: { ...data, error: { code: 'RECURSION_LIMIT', message } } });
      return done();
    }
    if (thread.canHandOver()) return HANDOVER;
    const started = startStep(thread, data.next);
    thread.apply(updateActive(started, { skipBefore: false, steps: active.steps + (real.length ? 1 : 0) }));
    const flight = thread.state.flight!;
    emitDebug(thread, flight.tasks.filter((t) => !isStartTask(t.planned)).map((t) => ({
      type: 'task',
      step: t.step,
      payload: { id: t.id, name: t.node, input: t.planned.push ? t.planned.arg : flight.input, triggers: triggersOf(t.planned) },
    })));
  }
}

/** The request's outcome; a pause is also streamed, as `{ __interrupt__ }` under `updates` and under `values` (as LangGraph.js). */
function pausedOrDone(thread: Thread, requestId: string): RequestOutcome {
  const outcome = thread.outcome(requestId);
  if (outcome.interrupts && !outcome.error) {
    for (const mode of ['updates', 'values'] as const) thread.apply(recordEvent(thread.state, { mode, chunk: { [INTERRUPT]: outcome.interrupts } }));
  }
  return outcome;
}

/** The debug event of a task that finished (its writes) or waits (its interrupts, no result yet), as LangGraph's. */
function taskResult(task: TaskRecord): DebugEvent {
  const waits = task.status !== 'done';
  return {
    type: 'task_result',
    step: task.step,
    payload: { id: task.id, name: task.node, result: waits ? {} : (task.output?.update ?? {}), interrupts: waits ? view.taskInterrupts(task) : [] },
  };
}

/** A `debug` stream event: LangGraph's `{ type, timestamp, step, payload }`. */
interface DebugEvent {
  type: 'task' | 'task_result' | 'checkpoint';
  step: number;
  payload: Record<string, unknown>;
}

function emitDebug(thread: Thread, events: DebugEvent[]): void {
  if (!records(thread.state, 'debug') || !events.length) return;
  const timestamp = thread.now();
  thread.apply(events.reduce((state, e) => recordEvent(state, { mode: 'debug', chunk: { type: e.type, timestamp, step: e.step, payload: e.payload } }), thread.state));
}

/** After a step: the state (`values`) and its checkpoint (`debug`). Each node's `updates` went out when it finished. */
function emitStepEvents(thread: Thread): void {
  const { data } = thread.state;
  const checkpoint = view.head(thread.state)!;
  thread.apply(recordEvent(thread.state, { mode: 'values', chunk: data.values }));
  emitDebug(thread, [
    {
      type: 'checkpoint',
      step: data.step,
      payload: { values: data.values, next: data.next.map((t) => t.node), metadata: { source: checkpoint.source, step: checkpoint.step }, config: configOf(thread, checkpoint.id) },
    },
  ]);
}

async function processUpdate(thread: Thread, request: UpdateStateRequest): Promise<RequestOutcome> {
  recheck(thread, thread.state.data.mailbox.active!);
  const now = thread.now();
  let state = thread.state;
  const checkpointId = request.options.checkpointId;
  if (checkpointId && checkpointId !== view.head(state)?.id) state = fork(view.withState(thread, state), checkpointId, now);
  state = await applyUpdateState(view.withState(thread, state), request, now);
  thread.apply(state);
  // The update's outcome says where the thread stands; an error the thread had is not this request's failure.
  const outcome = thread.outcome(request.requestId, undefined, configOf(thread, view.head(thread.state)!.id));
  const { error: _standing, ...rest } = outcome;
  return rest;
}
