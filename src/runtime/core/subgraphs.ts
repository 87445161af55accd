// Subgraphs running inline in a task: where each stands, as the engine reports it through the
// thread's host (src/runtime/subgraphHost.ts), kept on the task record for getState({ subgraphs })
// and for the subgraph's own breakpoints, which pause the thread until it is continued.
import type { Values } from '../../engine/state';
import type { SubgraphProgress } from '../../engine/subgraphHost';
import { stableId } from '../ids';
import { cloneData } from './cloneData';
import type { TaskRecord, ThreadState } from './data';
import { liveTask, updateTask } from './steps';
import { heldAtBreakpoint } from './view';

/** One task of a subgraph's step, with the id its interrupts and nested subgraphs are filed under. */
export interface SubgraphTask {
  id: string;
  node: string;
  result?: Values;
}

/** A subgraph's progress as the thread keeps it. */
export interface SubgraphRun {
  step: number;
  values: Values;
  tasks: SubgraphTask[];
  /** Set while it stops at its own breakpoint; cleared when the parent is continued. */
  breakpoint?: 'before' | 'after';
  /** When its step (its checkpoint, in LangGraph's terms) began. */
  createdAt: string;
}

/** The id of a subgraph's task: from the task hosting the subgraph, the step, the index and the node. */
export function subgraphTaskId(hostId: string, step: number, index: number, node: string): string {
  return stableId(hostId, 'subgraph-task', step, index, node);
}

/**
 * Records a subgraph's progress on the thread task it runs in. Runs nested in tasks it no longer has
 * (an earlier step's) are dropped. A task already dropped (updateState, a fork) is left alone.
 */
export function subgraphReported(state: ThreadState, taskId: string, hostId: string, progress: SubgraphProgress, now: string): ThreadState {
  const task = liveTask(state, taskId);
  if (!task) return state;
  const before = task.subgraphs?.[hostId];
  const run: SubgraphRun = {
    step: progress.step,
    values: cloneData(progress.values),
    tasks: progress.tasks.map((t, i) => ({ id: subgraphTaskId(hostId, progress.step, i, t.node), node: t.node, ...(t.result ? { result: cloneData(t.result) } : {}) })),
    ...(progress.breakpoint ? { breakpoint: progress.breakpoint } : {}),
    createdAt: before?.step === progress.step ? before.createdAt : now,
  };
  const runs = { ...task.subgraphs, [hostId]: run };
  return updateTask(state, taskId, (t) => ({ ...t, subgraphs: reachable(runs, taskId) }));
}

/** The runs still hosted by live subgraph tasks, from the thread task's own run down. */
function reachable(runs: Record<string, SubgraphRun>, rootId: string): Record<string, SubgraphRun> {
  const kept: Record<string, SubgraphRun> = {};
  const visit = (id: string) => {
    const run = runs[id];
    if (!run || Object.hasOwn(kept, id)) return;
    kept[id] = run;
    for (const t of run.tasks) visit(t.id);
  };
  visit(rootId);
  return kept;
}

/** invoke(null) or a Command: subgraphs stopped at their own breakpoints go on. */
export function subgraphBreakpointsReleased(state: ThreadState): ThreadState {
  const flight = state.flight;
  if (!flight?.tasks.some(heldAtBreakpoint)) return state;
  const tasks = flight.tasks.map((t): TaskRecord => {
    if (!heldAtBreakpoint(t)) return t;
    const runs = Object.fromEntries(Object.entries(t.subgraphs!).map(([id, { breakpoint: _released, ...run }]) => [id, run]));
    return { ...t, subgraphs: runs };
  });
  return { ...state, flight: { ...flight, tasks } };
}

/**
 * Whether the subgraph hosted by `hostId` in the thread task still waits at its breakpoint. A task
 * dropped meanwhile (updateState as its node) never goes on, as an unanswered interrupt() does not.
 */
export function waitsAtBreakpoint(state: ThreadState, taskId: string, hostId: string): boolean {
  const task = liveTask(state, taskId);
  return !task || task.subgraphs?.[hostId]?.breakpoint !== undefined;
}
