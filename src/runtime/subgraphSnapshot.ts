// getState(config, { subgraphs: true }): a subgraph running inline in a task, shown under that task
// as LangGraph shows a subgraph's own snapshot (its values, next, tasks and their interrupts).
import type { TaskRecord } from './core/data';
import * as view from './core/view';
import { stableId } from './ids';
import type { StateSnapshot, TaskSnapshot } from './protocol';

/**
 * The snapshot of the subgraph hosted by `hostId` in the thread task `task` (the task's own id for
 * the subgraph the node runs), or undefined when none has run there. Its interrupts are the task's,
 * with the same ids: those asked inside each of its tasks, nested subgraphs included.
 */
export function subgraphSnapshot(thread: view.ThreadView, task: TaskRecord, hostId = task.id, ns = `${task.node}:${task.id}`): StateSnapshot | undefined {
  const run = task.subgraphs?.[hostId];
  if (!run) return undefined;
  const tasks: TaskSnapshot[] = run.tasks.map((t) => {
    const nested = subgraphSnapshot(thread, task, t.id, `${ns}|${t.node}:${t.id}`);
    const asked = view.taskInterruptDetails({ ...task, pending: task.pending.filter((p) => p.path?.includes(t.id)) });
    return { id: t.id, name: t.node, interrupts: asked, ...(t.result ? { result: t.result } : {}), ...(nested ? { state: nested } : {}) };
  });
  const interrupts = tasks.flatMap((t) => t.interrupts);
  const waits = run.breakpoint !== undefined || interrupts.length > 0 || tasks.some((t) => t.state?.status === 'interrupted');
  return {
    values: run.values,
    next: tasks.filter((t) => t.result === undefined).map((t) => t.name),
    tasks,
    interrupts,
    metadata: { source: 'loop', step: run.step },
    createdAt: run.createdAt,
    config: { configurable: { thread_id: thread.threadId, checkpoint_ns: ns, checkpoint_id: stableId(hostId, 'checkpoint', run.step) } },
    status: waits ? 'interrupted' : tasks.length ? 'running' : 'idle',
  };
}
