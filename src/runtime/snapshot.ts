// getState and getStateHistory: read-only views of the thread for the queries.
import type { Checkpoint } from './core/data';
import { HISTORY_PAGE_BYTES } from './core/limits';
import * as view from './core/view';
import { stableId } from './ids';
import { emptySnapshot, type CheckpointConfig, type HistoryQuery, type StateQuery, type StateSnapshot, type TaskSnapshot } from './protocol';
import { subgraphSnapshot } from './subgraphSnapshot';

/** The config that names a checkpoint of the thread, as LangGraph's. */
export function configOf(thread: Pick<view.ThreadView, 'threadId'>, checkpointId: string): CheckpointConfig {
  return { configurable: { thread_id: thread.threadId, checkpoint_id: checkpointId } };
}

function base(thread: view.ThreadView, checkpoint: Checkpoint): Pick<StateSnapshot, 'metadata' | 'createdAt' | 'config' | 'parentConfig'> {
  return {
    metadata: { source: checkpoint.source, step: checkpoint.step, ...(checkpoint.writes ? { writes: checkpoint.writes as StateSnapshot['metadata']['writes'] } : {}) },
    createdAt: checkpoint.createdAt,
    config: configOf(thread, checkpoint.id),
    ...(checkpoint.parentId ? { parentConfig: configOf(thread, checkpoint.parentId) } : {}),
  };
}

/** A past checkpoint as a snapshot: what it held, what it would run next. */
function pastSnapshot(thread: view.ThreadView, checkpoint: Checkpoint): StateSnapshot {
  const tasks: TaskSnapshot[] = checkpoint.next.map((t, i) => ({ id: stableId(checkpoint.id, i, t.node), name: t.node, interrupts: [] }));
  return { values: checkpoint.values, next: tasks.map((t) => t.name), tasks, interrupts: [], ...base(thread, checkpoint), status: 'idle' };
}

/**
 * The thread now: finished tasks' writes applied, waiting nodes in `next` until fully answered; with
 * `subgraphs`, the snapshot of a subgraph under the task it runs in.
 */
function headSnapshot(thread: view.ThreadView, head: Checkpoint, subgraphs = false): StateSnapshot {
  const { state } = thread;
  const flight = state.flight;
  const tasks: TaskSnapshot[] = flight
    ? flight.tasks
        .filter((t) => t.status !== 'cancelled')
        .map((t) => {
          const state = subgraphs ? subgraphSnapshot(thread, t) : undefined;
          return {
            id: t.id,
            name: t.node,
            interrupts: view.taskInterruptDetails(t),
            ...(t.status === 'done' ? { result: t.output!.update } : {}),
            ...(t.error ? { error: t.error } : {}),
            ...(state ? { state } : {}),
          };
        })
    : state.data.next.map((t, i) => ({ id: stableId(head.id, i, t.node), name: t.node, interrupts: [] }));
  return {
    values: view.previewValues(thread.graph, state),
    next: tasks.filter((t) => t.result === undefined).map((t) => t.name),
    tasks,
    interrupts: (flight?.tasks ?? []).flatMap(view.taskInterruptDetails),
    ...base(thread, head),
    status: view.status(state),
  };
}

export function snapshot(thread: view.ThreadView, { checkpointId, subgraphs }: StateQuery = {}): StateSnapshot {
  const head = view.head(thread.state);
  if (!head) return emptySnapshot(thread.threadId, thread.state.data.values, view.status(thread.state));
  if (!checkpointId || checkpointId === head.id) return headSnapshot(thread, head, subgraphs);
  const past = thread.state.data.checkpoints.find((c) => c.id === checkpointId);
  if (!past) throw new Error(`Thread "${thread.threadId}" has no checkpoint "${checkpointId}" (it keeps the latest ones)`);
  return pastSnapshot(thread, past);
}

/** Checkpoints newest first, older than `before`, at most `limit`, stopping early past HISTORY_PAGE_BYTES. */
export function history(thread: view.ThreadView, query: HistoryQuery = {}): StateSnapshot[] {
  const log = thread.state.data.checkpoints;
  let end = log.length;
  if (query.before !== undefined) {
    const at = log.findIndex((c) => c.id === query.before);
    end = at < 0 ? 0 : at;
  }
  const head = view.head(thread.state);
  const page: StateSnapshot[] = [];
  let bytes = 0;
  for (let i = end - 1; i >= 0 && page.length < (query.limit ?? Infinity); i--) {
    const c = log[i];
    if (page.length > 0 && bytes + c.size > HISTORY_PAGE_BYTES) break;
    bytes += c.size;
    page.push(c === head ? headSnapshot(thread, c) : pastSnapshot(thread, c));
  }
  return page;
}
