// Read-only facts about a thread, derived from its data: what snapshots, validators and the workflow
// shell ask. Nothing here changes the thread.
import type { CompiledGraph } from '../../engine/compiledGraph';
import { DurableGraphError } from '../../engine/errors';
import { applyWrites, type Values, type Write } from '../../engine/state';
import type { Interrupt, PendingInterruptInfo, ThreadErrorInfo, ThreadStatus } from '../protocol';
import type { Checkpoint, Flight, TaskRecord, ThreadState } from './data';

/** What a thread looks like from outside its transitions. */
export interface ThreadView {
  readonly graph: CompiledGraph;
  readonly threadId: string;
  readonly graphName: string;
  readonly state: Readonly<ThreadState>;
}

/**
 * A task whose node waits for an answer and has no delivered answer left to take up, or waits at
 * the breakpoint of a subgraph running in it.
 */
export function isBlocked(task: TaskRecord): boolean {
  return task.status === 'running' && (task.pending.length > 0 || heldAtBreakpoint(task)) && Object.keys(task.answers).length === 0;
}

/** A running task one of whose subgraphs waits at its own breakpoint. */
export function heldAtBreakpoint(task: TaskRecord): boolean {
  return task.status === 'running' && Object.values(task.subgraphs ?? {}).some((run) => run.breakpoint !== undefined);
}

/** The interrupts a task shows to humans (as `__interrupt__`: `{ id, value }`): its unanswered calls, or its NodeInterrupt. */
export function taskInterrupts(task: TaskRecord): Interrupt[] {
  if (task.status === 'paused' && task.nodeInterrupt) return [task.nodeInterrupt];
  if (task.status !== 'running') return [];
  return task.pending.map((p) => (p.hasValue ? { id: p.id, value: p.value } : { id: p.id }));
}

/** A task's interrupts as getState shows them: also who may answer, who has, when raised, until when. */
export function taskInterruptDetails(task: TaskRecord): PendingInterruptInfo[] {
  if (task.status !== 'running') return taskInterrupts(task);
  return task.pending.map((p) => ({
    id: p.id,
    ...(p.hasValue ? { value: p.value } : {}),
    ...(p.approvers ? { approvers: p.approvers, approvals: (p.approvals ?? []).map(({ by, at }) => ({ by, at })) } : {}),
    ...(p.raisedAt ? { raisedAt: p.raisedAt } : {}),
    ...(p.requester ? { requester: p.requester } : {}),
    ...(p.deadline ? { deadline: p.deadline } : {}),
  }));
}

export function started(state: ThreadState): boolean {
  return state.data.checkpoints.length > 0;
}

/** A request is under way or waiting: new requests need multitaskStrategy 'enqueue'. */
export function busy(state: ThreadState): boolean {
  return state.data.mailbox.active !== undefined || state.data.mailbox.queue.length > 0;
}

export function paused(state: ThreadState): boolean {
  const waiting = state.flight?.tasks.some((t) => isBlocked(t) || t.status === 'paused') ?? false;
  return waiting || state.data.breakpoint !== undefined;
}

/** Why the thread is stuck: a run-level error, or a node of the step under way that failed. */
export function currentError(state: ThreadState): ThreadErrorInfo | undefined {
  return state.data.error ?? state.flight?.tasks.find((t) => t.status === 'failed')?.error;
}

/** The status once the request under way (if any) is done. */
export function restingStatus(state: ThreadState): ThreadStatus {
  if (currentError(state)) return 'error';
  if (paused(state)) return 'interrupted';
  return 'idle';
}

export function status(state: ThreadState): ThreadStatus {
  return state.data.mailbox.active ? 'running' : restingStatus(state);
}

/** Interrupts a human can see now (answerable ones have ids). */
export function pendingInterrupts(state: ThreadState): Interrupt[] {
  return (state.flight?.tasks ?? []).flatMap(taskInterrupts);
}

/** When the oldest interrupt that takes an answer now was raised (ISO 8601), or undefined. */
export function waitingSince(state: ThreadState): string | undefined {
  const times = (state.flight?.tasks ?? []).filter(isBlocked).flatMap((t) => t.pending.flatMap((p) => (p.raisedAt ? [p.raisedAt] : [])));
  return times.length ? times.reduce((a, b) => (a < b ? a : b)) : undefined;
}

/** An interrupt that takes an answer now, with the task that asked it. */
export interface Answerable {
  task: TaskRecord;
  id: string;
}

export function answerable(state: ThreadState): Answerable[] {
  return (state.flight?.tasks ?? []).filter(isBlocked).flatMap((task) => task.pending.map((p) => ({ task, id: p.id })));
}

/** The writes of the tasks of the step under way that finished, in task order. */
export function doneWrites(flight: Flight): Write[] {
  return flight.tasks.filter((t) => t.status === 'done').map((t) => ({ node: t.node, update: t.output!.update }));
}

/**
 * Values with the finished tasks of the step under way applied (what invoke shows). Writes that do
 * not merge (a user graph's conflict) are left out here; committing the step reports them.
 */
export function previewValues(graph: CompiledGraph, state: ThreadState): Values {
  if (!state.flight) return state.data.values;
  const writes = doneWrites(state.flight);
  if (writes.length === 0) return state.data.values;
  try {
    return applyWrites(graph.spec, state.data.values, writes);
  } catch (err) {
    if (err instanceof DurableGraphError) return state.data.values;
    throw err;
  }
}

export function head(state: ThreadState): Checkpoint | undefined {
  const log = state.data.checkpoints;
  return log[log.length - 1];
}

export function isAnswered(state: ThreadState, id: string): boolean {
  return state.data.answered.includes(id);
}

/** The same thread with another state: how the shell hands a transition the state it is building. */
export function withState(thread: ThreadView, state: ThreadState): ThreadView {
  return { graph: thread.graph, threadId: thread.threadId, graphName: thread.graphName, state };
}
