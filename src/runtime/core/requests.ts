// What each kind of request does to the thread, as transitions: new input, continuing (null or a
// Command), updateState, and forking from a past checkpoint. Each computes the next state whole.
import type { Command } from '../../engine/command';
import { END, START } from '../../engine/constants';
import { planNext, planStart } from '../../engine/planner';
import type { Identity } from '../../engine/identity';
import { applyWrites, type Values } from '../../engine/state';
import type { UpdateStateRequest } from '../protocol';
import { appendCheckpoint, findCheckpoint } from './checkpointLog';
import { cloneData } from './cloneData';
import type { ThreadState } from './data';
import { addTasks, cancelTasks, commitStep, deliverAnswers, mergePlanned, restartUnfinished, type Tally } from './steps';
import { subgraphBreakpointsReleased } from './subgraphs';
import { doneWrites, head, previewValues, started, type ThreadView } from './view';

function viewOf(view: ThreadView, state: ThreadState): ThreadView {
  return { ...view, state };
}

/**
 * New input: a new run whose first step is START writing the input, as LangGraph's input
 * checkpoint. Its sender is the run's requester (approvers' notRequester means them).
 */
export function startInput(view: ThreadView, input: Values, now: string, by: Identity): ThreadState {
  const data = view.state.data;
  const step = data.step + 1;
  const next = [{ node: START, arg: cloneData(input), push: true as const }];
  const base = { ...data, error: undefined, breakpoint: undefined, runSeq: data.runSeq + 1, step, next, requester: cloneData(by) };
  const checkpointed = appendCheckpoint(base, view.threadId, { step, source: 'input', values: data.values, next, joins: data.joins, writes: { [START]: input } }, now);
  return { data: checkpointed };
}

/**
 * invoke(null) or a Command: clears a breakpoint or an error, applies the update, plans the goto,
 * restarts failed and NodeInterrupt tasks, delivers the answers admission bound, and lets subgraphs
 * stopped at their own breakpoints go on.
 */
export async function continueRun(
  view: ThreadView,
  command: Command | undefined,
  bound: Record<string, unknown> | undefined,
  now: string,
  by: Identity,
  tally?: Tally,
): Promise<{ state: ThreadState; skipBefore: boolean }> {
  const skipBefore = view.state.data.breakpoint === 'before';
  let state: ThreadState = { ...view.state, data: { ...view.state.data, breakpoint: undefined, error: undefined } };
  if (command?.update) state = applyUpdate(viewOf(view, state), command.update, now);
  state = restartUnfinished(viewOf(view, state));
  if (command?.goto !== undefined) {
    const plan = await planNext(view.graph.def, [{ node: '__command__', goto: command.goto }], state.data.values, state.data.joins);
    // With a step under way (a NodeInterrupt or a failed node re-run) the targets join it, as in LangGraph.
    state = state.flight ? addTasks(viewOf(view, state), plan.tasks) : { ...state, data: { ...state.data, next: mergePlanned(state.data.next, plan.tasks) } };
  }
  if (bound) state = deliverAnswers(state, bound, by, now, tally);
  state = subgraphBreakpointsReleased(state);
  return { state, skipBefore };
}

/** Writes values through the reducers without running or rescheduling anything (an 'update' checkpoint). */
function applyUpdate(view: ThreadView, values: Values, now: string): ThreadState {
  const { data } = view.state;
  const updated = applyWrites(view.graph.spec, data.values, [{ node: '__update__', update: values }]);
  const step = data.step + 1;
  const withValues = { ...data, values: updated, step };
  const preview = previewValues(view.graph, { ...view.state, data: withValues });
  const next = view.state.flight ? view.state.flight.tasks.filter((t) => t.status !== 'done').map((t) => t.planned) : data.next;
  const checkpointed = appendCheckpoint(withValues, view.threadId, { step, source: 'update', values: preview, next, joins: data.joins, writes: { __update__: values } }, now);
  return { ...view.state, data: checkpointed };
}

/** updateState: see API.md "where LangGraph is inconsistent" 7 for the three cases. */
export async function applyUpdateState(view: ThreadView, request: UpdateStateRequest, now: string): Promise<ThreadState> {
  const { values, asNode } = request;
  // A plain update keeps a before-breakpoint (invoke(null) then runs the node it stopped before);
  // updates that decide what runs next replace it.
  const breakpoint = asNode === undefined ? view.state.data.breakpoint : undefined;
  let state: ThreadState = { ...view.state, data: { ...view.state.data, error: undefined, breakpoint } };
  if (!started(state)) return seed(viewOf(view, state), values ?? {}, asNode, now);
  if (asNode === END) {
    // Ignore the thread: unfinished tasks are dropped; finished ones keep their writes; nothing is next.
    const values = state.flight ? applyWrites(view.graph.spec, state.data.values, doneWrites(state.flight)) : state.data.values;
    const step = state.data.step + 1;
    const data = { ...state.data, values, next: [], step };
    return { data: appendCheckpoint(data, view.threadId, { step, source: 'update', values, next: [], joins: data.joins, writes: { [END]: null } }, now) };
  }
  const waiting = state.flight?.tasks.filter((t) => t.node === asNode && t.status !== 'done') ?? [];
  if (asNode && waiting.length) {
    // Answer by editing: the given values stand as the waiting node's output.
    state = cancelTasks(state, (t) => t.node === asNode);
    const flight = state.flight!;
    const tasks = flight.tasks.map((t) => (waiting.some((w) => w.id === t.id) ? { ...t, status: 'done' as const, output: { update: cloneData(values ?? {}) } } : t));
    state = { ...state, flight: { ...flight, tasks } };
    const settled = tasks.every((t) => t.status === 'done' || t.status === 'cancelled');
    if (settled) return (await commitStep(viewOf(view, state), 'update', now)).state;
    return checkpointHere(state, view, { [asNode]: values }, now);
  }
  if (asNode) {
    state = cancelTasks(state, () => true);
    const merged = applyWrites(view.graph.spec, state.data.values, [{ node: asNode, update: values ?? {} }]);
    const plan = await planNext(view.graph.def, [{ node: asNode }], merged, state.data.joins);
    const step = state.data.step + 1;
    const data = { ...state.data, values: merged, next: plan.tasks, joins: plan.joins, step };
    return { data: appendCheckpoint(data, view.threadId, { step, source: 'update', values: merged, next: plan.tasks, joins: plan.joins, writes: { [asNode]: values } }, now) };
  }
  return applyUpdate(viewOf(view, state), values ?? {}, now);
}

/** updateState on a thread that never ran seeds it as LangGraph does: as the input (or as `asNode`). */
async function seed(view: ThreadView, values: Values, asNode: string | undefined, now: string): Promise<ThreadState> {
  const { data } = view.state;
  const writer = asNode ?? START;
  const merged = applyWrites(view.graph.spec, data.values, [{ node: writer, update: values }]);
  const plan = asNode ? await planNext(view.graph.def, [{ node: asNode }], merged, data.joins) : await planStart(view.graph.def, merged, data.joins);
  const step = data.step + 2; // -2 → 0, as LangGraph's first update on an empty thread
  const next = { ...data, values: merged, next: plan.tasks, joins: plan.joins, step, runSeq: data.runSeq + 1 };
  return { data: appendCheckpoint(next, view.threadId, { step, source: 'update', values: merged, next: plan.tasks, joins: plan.joins, writes: { [writer]: values } }, now) };
}

/** A checkpoint of the thread as it is now, keeping the step under way (its unfinished tasks stay next). */
function checkpointHere(state: ThreadState, view: ThreadView, writes: Record<string, unknown>, now: string): ThreadState {
  const step = state.data.step + 1;
  const next = state.flight ? state.flight.tasks.filter((t) => t.status !== 'done' && t.status !== 'cancelled').map((t) => t.planned) : state.data.next;
  const values = previewValues(view.graph, state);
  const data = appendCheckpoint({ ...state.data, step }, view.threadId, { step, source: 'update', values, next, joins: state.data.joins, writes }, now);
  return { ...state, data };
}

/** Moves the head to a copy of a past checkpoint (source 'fork', at its step + 1); what was under way is dropped. */
export function fork(view: ThreadView, checkpointId: string, now: string): ThreadState {
  const past = findCheckpoint(view.state.data, checkpointId)!;
  if (past === head(view.state)) return view.state;
  const step = past.step + 1;
  const data = {
    ...view.state.data,
    values: cloneData(past.values),
    next: cloneData(past.next),
    joins: cloneData(past.joins),
    error: undefined,
    breakpoint: undefined,
    step,
    runSeq: view.state.data.runSeq + 1,
  };
  return { data: appendCheckpoint(data, view.threadId, { step, source: 'fork', values: past.values, next: past.next, joins: past.joins, parentId: past.id }, now) };
}
