// The thread's side of subgraphs running inline in its tasks (the engine's SubgraphHost): their
// progress goes on the task record, each of their tasks runs under a task context of its own (so an
// interrupt() inside one is filed under it), and their breakpoints wait until the parent is continued.
import { condition } from '@temporalio/workflow';
import type { SubgraphHost } from '../engine/subgraphHost';
import type { ThreadState } from './core/data';
import { subgraphReported, subgraphTaskId, waitsAtBreakpoint } from './core/subgraphs';
import { runAsTask, type TaskContext } from './taskContext';

/** What the host needs of the thread. */
export interface SubgraphThread {
  readonly view: { readonly state: Readonly<ThreadState> };
  apply(next: ThreadState): void;
  now(): string;
}

/**
 * The host for a subgraph run in the thread task of `context`: directly (hostId = the task's id) or
 * nested in the subgraph task `hostId`, reached through `path`.
 */
export function subgraphHost(thread: SubgraphThread, context: TaskContext, hostId = context.taskId, path: string[] = []): SubgraphHost {
  const { taskId } = context;
  return {
    report: (progress) => thread.apply(subgraphReported(thread.view.state, taskId, hostId, progress, thread.now())),
    runTask: (step, index, node, run) => {
      const id = subgraphTaskId(hostId, step, index, node);
      const inner: TaskContext = { ...context, node, path: [...path, id] };
      return runAsTask(inner, () => run(subgraphHost(thread, inner, id, inner.path)));
    },
    breakpointReleased: () => condition(() => !waitsAtBreakpoint(thread.view.state, taskId, hostId)),
  };
}
