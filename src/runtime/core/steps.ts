// Supersteps as transitions: start one, record what its tasks do, commit it. Each returns the next
// thread state whole (or throws), so nothing is half-applied.
import { START } from '../../engine/constants';
import type { NodeOutput } from '../../engine/nodeOutput';
import { planNext, type FinishedTask, type PlannedTask } from '../../engine/planner';
import { applyWrites } from '../../engine/state';
import { widenApprovers, type Approvers, type Identity } from '../../engine/identity';
import type { Interrupt, ThreadErrorInfo } from '../protocol';
import { stableId } from '../ids';
import { appendCheckpoint } from './checkpointLog';
import { cloneData } from './cloneData';
import type { Flight, PendingInterrupt, TaskRecord, ThreadState } from './data';
import { MAX_ANSWERED } from './limits';
import { doneWrites, type ThreadView } from './view';

/** The input of a run enters the graph as the write of a START task, as in LangGraph. */
export function isStartTask(planned: PlannedTask): boolean {
  return planned.node === START;
}

/** What triggered a task, in LangGraph's words (debug `task` events and `messages` metadata). */
export function triggersOf(planned: PlannedTask): string[] {
  return [planned.push ? '__pregel_push' : `branch:to:${planned.node}`];
}

/** A running execution of a planned task; its id derives from the thread, the run, the step, the node and the task counter. */
function newTask(view: ThreadView, planned: PlannedTask, step: number, seq: number): TaskRecord {
  const id = stableId(view.threadId, 'task', view.state.data.runSeq, step, planned.node, seq);
  return { id, node: planned.node, planned, step, status: 'running', pending: [], answers: {}, calls: 0 };
}

/** Starts the next superstep with the planned tasks: edge-triggered nodes read the step's input. */
export function startStep(view: ThreadView, planned: PlannedTask[]): ThreadState {
  const { data } = view.state;
  const step = data.step + 1;
  let taskSeq = data.taskSeq;
  const tasks = planned.map((p): TaskRecord => {
    const task = newTask(view, p, step, taskSeq++);
    return isStartTask(p) ? { ...task, status: 'done', output: { update: (p.arg ?? {}) as NodeOutput['update'] } } : task;
  });
  // Not copied: writes replace data.values rather than change it, and each node gets its own copy.
  const flight: Flight = { step, tasks, input: data.values };
  return { data: { ...data, taskSeq }, flight };
}

/** Planned tasks plus more: a node already triggered by edges runs once; every Send is its own task. */
export function mergePlanned(planned: PlannedTask[], more: PlannedTask[]): PlannedTask[] {
  const merged = [...planned];
  for (const t of more) if (t.push || !merged.some((m) => !m.push && m.node === t.node)) merged.push(t);
  return merged;
}

/** Adds tasks to the step under way (Command goto while it waits on a re-run); nodes already in it run once. */
export function addTasks(view: ThreadView, planned: PlannedTask[]): ThreadState {
  const { data, flight } = view.state;
  if (!flight) throw new Error('addTasks without a step under way'); // a bug of the caller
  const current = flight.tasks.filter((t) => t.status !== 'cancelled').map((t) => t.planned);
  const added = mergePlanned(current, planned).slice(current.length);
  let taskSeq = data.taskSeq;
  const tasks = added.map((p) => newTask(view, p, flight.step, taskSeq++));
  return { data: { ...data, taskSeq }, flight: { ...flight, tasks: [...flight.tasks, ...tasks] } };
}

/** Runs failed and NodeInterrupt tasks of the step under way again, as new attempts on the state as it is now. */
export function restartUnfinished(view: ThreadView): ThreadState {
  const { data, flight } = view.state;
  if (!flight?.tasks.some((t) => t.status === 'failed' || t.status === 'paused')) return view.state;
  let taskSeq = data.taskSeq;
  const tasks = flight.tasks.map((t): TaskRecord => {
    if (t.status !== 'failed' && t.status !== 'paused') return t;
    return newTask(view, t.planned, flight.step, taskSeq++);
  });
  return { data: { ...data, taskSeq }, flight: { ...flight, tasks, input: cloneData(data.values) } };
}

/** Changes one task of the step under way. */
export function updateTask(state: ThreadState, taskId: string, change: (task: TaskRecord) => TaskRecord): ThreadState {
  const flight = state.flight;
  const task = flight?.tasks.find((t) => t.id === taskId);
  if (!flight || !task) throw new Error(`No task ${taskId} in the step under way`); // a bug: the shell only reports live tasks
  return { ...state, flight: { ...flight, tasks: flight.tasks.map((t) => (t === task ? change(t) : t)) } };
}

/** A task still running, or undefined when updateState or a fork dropped it meanwhile. */
export function liveTask(state: ThreadState, taskId: string): TaskRecord | undefined {
  const task = state.flight?.tasks.find((t) => t.id === taskId);
  return task?.status === 'running' ? task : undefined;
}

export function taskDone(state: ThreadState, taskId: string, output: NodeOutput): ThreadState {
  return updateTask(state, taskId, (t) => ({ ...t, status: 'done', output: cloneData(output), pending: [] }));
}

export function taskFailed(state: ThreadState, taskId: string, error: ThreadErrorInfo): ThreadState {
  return updateTask(state, taskId, (t) => ({ ...t, status: 'failed', error, pending: [] }));
}

/** The node threw NodeInterrupt: it pauses before its writes are kept. */
export function taskPaused(state: ThreadState, taskId: string, nodeInterrupt: Interrupt): ThreadState {
  return updateTask(state, taskId, (t) => ({ ...t, status: 'paused', nodeInterrupt: cloneData(nodeInterrupt), pending: [] }));
}

/** What interrupt() was asked with besides its value; `path`: the subgraph tasks it was asked in, outermost first. */
export interface InterruptTerms {
  raisedAt: string;
  deadline?: string;
  approvers?: Approvers;
  path?: string[];
}

/**
 * A node called interrupt(): its id derives from the thread, the run, the step, the task and the
 * call's index. The approvers' requester is fixed now: the rule's own, else the run's starter.
 */
export function interruptRaised(view: ThreadView, taskId: string, value: unknown, hasValue: boolean, terms: InterruptTerms): { state: ThreadState; id: string } {
  const task = liveTask(view.state, taskId)!;
  const id = stableId(view.threadId, 'interrupt', view.state.data.runSeq, task.step, task.id, task.calls);
  const rule = terms.approvers && cloneData(terms.approvers);
  const requester = rule?.requester ?? view.state.data.requester?.id;
  const asked: PendingInterrupt = {
    id,
    ...(hasValue ? { value: cloneData(value) } : {}),
    hasValue,
    raisedAt: terms.raisedAt,
    ...(view.state.data.requester ? { requester: cloneData(view.state.data.requester) } : {}),
    ...(terms.deadline ? { deadline: terms.deadline } : {}),
    ...(rule ? { approvers: { ...rule, ...(requester !== undefined ? { requester } : {}) }, approvals: [] } : {}),
    ...(terms.path?.length ? { path: [...terms.path] } : {}),
  };
  const state = updateTask(view.state, taskId, (t) => ({ ...t, calls: t.calls + 1, pending: [...t.pending, asked] }));
  return { state, id };
}

/**
 * How an answer counts toward an interrupt's quorum: `approve` adds to the count, `decide` answers
 * the interrupt at once (a rejection), `restart` starts the count again from this answer (an edit:
 * earlier approvals were for something else).
 */
export type Vote = 'approve' | 'decide' | 'restart';
/** The vote of an answer to an interrupt (the interrupt's own rule; every answer approves without one). */
export type Tally = (interruptId: string, answer: unknown) => Vote;

/**
 * Delivers answers (already admitted) to the interrupts they were bound to. An interrupt with a
 * quorum above 1 collects them, by distinct identities, and is answered with `[{ by, value, at }]`
 * when the quorum is reached or an answer decides.
 */
export function deliverAnswers(state: ThreadState, bound: Record<string, unknown>, by: Identity, now: string, tally: Tally = () => 'approve'): ThreadState {
  const flight = state.flight;
  if (!flight) return state;
  const delivered: string[] = [];
  const tasks = flight.tasks.map((t) => {
    const mine = t.pending.filter((p) => Object.hasOwn(bound, p.id));
    if (!mine.length) return t;
    const answers = { ...t.answers };
    const pending: PendingInterrupt[] = [];
    for (const p of t.pending) {
      if (!Object.hasOwn(bound, p.id)) {
        pending.push(p);
        continue;
      }
      const quorum = p.approvers?.quorum ?? 1;
      if (quorum === 1) {
        answers[p.id] = cloneData(bound[p.id]);
        delivered.push(p.id);
        continue;
      }
      const entry = { by: cloneData(by), value: cloneData(bound[p.id]), at: now };
      const vote = tally(p.id, bound[p.id]);
      const approvals = vote === 'restart' ? [entry] : [...(p.approvals ?? []), entry];
      if (vote !== 'decide' && approvals.length < quorum) {
        pending.push({ ...p, approvals });
        continue;
      }
      answers[p.id] = approvals;
      delivered.push(p.id);
    }
    return { ...t, pending, answers };
  });
  const answered = [...state.data.answered, ...delivered].slice(-MAX_ANSWERED);
  return { data: { ...state.data, answered }, flight: { ...flight, tasks } };
}

/** The node takes up its delivered answer. */
export function answerTaken(state: ThreadState, taskId: string, interruptId: string): { state: ThreadState; answer: unknown } {
  const task = state.flight?.tasks.find((t) => t.id === taskId);
  const answer = task?.answers[interruptId];
  const next = updateTask(state, taskId, (t) => {
    const { [interruptId]: _taken, ...answers } = t.answers;
    return { ...t, answers };
  });
  return { state: next, answer };
}

/** Nobody answered in time: the interrupt is withdrawn (interrupt() then applies its onTimeout). */
export function interruptTimedOut(state: ThreadState, taskId: string, interruptId: string): ThreadState {
  return updateTask(state, taskId, (t) => ({ ...t, pending: t.pending.filter((p) => p.id !== interruptId) }));
}

/** Nobody answered in time: more people may answer from now on (interrupt()'s `escalate`). */
export function interruptEscalated(state: ThreadState, taskId: string, interruptId: string, wider: Approvers): ThreadState {
  return updateTask(state, taskId, (t) => ({
    ...t,
    pending: t.pending.map((p) => (p.id === interruptId && p.approvers ? { ...p, approvers: widenApprovers(p.approvers, wider) } : p)),
  }));
}

/** The interrupt is still waiting for an answer: neither answered, timed out nor dropped with its task. */
export function stillAsked(state: ThreadState, taskId: string, interruptId: string): boolean {
  return liveTask(state, taskId)?.pending.some((p) => p.id === interruptId) ?? false;
}

/** Drops unfinished tasks (updateState as END or as the waiting node, a fork, new input). */
export function cancelTasks(state: ThreadState, which: (task: TaskRecord) => boolean): ThreadState {
  const flight = state.flight;
  if (!flight) return state;
  const tasks = flight.tasks.map((t) => (t.status !== 'done' && which(t) ? { ...t, status: 'cancelled' as const, pending: [], answers: {} } : t));
  return { ...state, flight: { ...flight, tasks } };
}

/**
 * Applies the finished step's writes through the reducers, plans the next step and writes a
 * checkpoint. Throws a DurableGraphError when the user's graph refuses (conflicting writes, a reducer
 * or router that throws); any other error is a bug of ours and surfaces as one.
 */
export async function commitStep(view: ThreadView, source: 'loop' | 'update', now: string): Promise<{ state: ThreadState; ran: string[] }> {
  const { data, flight } = view.state;
  if (!flight) throw new Error('commitStep without a step under way'); // a bug of the shell
  const done = flight.tasks.filter((t) => t.status === 'done');
  const values = applyWrites(view.graph.spec, data.values, doneWrites(flight));
  const finished: FinishedTask[] = done.map((t) => ({ node: t.node, goto: t.output!.goto, routes: t.output!.routes }));
  const plan = await planNext(view.graph.def, finished, values, data.joins);
  // As LangGraph: the step that only applied the input (START) records no writes; the input checkpoint has them.
  const nodeWrites = done.filter((t) => !isStartTask(t.planned)).map((t) => [t.node, t.output!.update] as const);
  const writes = nodeWrites.length ? Object.fromEntries(nodeWrites) : undefined;
  // After the head: an updateState made while the step waited already took the step's number.
  const step = Math.max(flight.step, data.step + 1);
  const next = { ...data, values, next: plan.tasks, joins: plan.joins, step };
  const checkpointed = appendCheckpoint(next, view.threadId, { step, source, values, next: plan.tasks, joins: plan.joins, writes }, now);
  return { state: { data: checkpointed }, ran: done.map((t) => t.node) };
}

/** A step whose writes the graph refused: the run stops with the error; its tasks count as failed. */
export function stepRefused(state: ThreadState, error: ThreadErrorInfo): ThreadState {
  const flight = state.flight && { ...state.flight, tasks: state.flight.tasks.map((t) => ({ ...t, status: 'failed' as const, pending: [] })) };
  return { data: { ...state.data, error }, flight };
}
