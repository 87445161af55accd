import { emptySnapshot, type Checkpoint, type StateSnapshot, type TaskSnapshot } from './protocol';
import { stableId } from './ids';
import { taskInterrupts } from './task';
import type { Thread } from './thread';

function base(thread: Thread, checkpoint: Checkpoint): Omit<StateSnapshot, 'values' | 'next' | 'tasks' | 'interrupts' | 'status'> {
  return {
    metadata: { source: checkpoint.source, step: checkpoint.step, ...(checkpoint.writes ? { writes: checkpoint.writes } : {}) },
    createdAt: checkpoint.createdAt,
    config: thread.configOf(checkpoint.id),
    ...(checkpoint.parentId ? { parentConfig: thread.configOf(checkpoint.parentId) } : {}),
  };
}

/** A past checkpoint as a snapshot: what it held, what it would run next. */
function pastSnapshot(thread: Thread, checkpoint: Checkpoint): StateSnapshot {
  const tasks: TaskSnapshot[] = checkpoint.next.map((t, i) => ({ id: stableId(checkpoint.id, i, t.node), name: t.node, interrupts: [] }));
  return {
    values: checkpoint.values,
    next: checkpoint.next.map((t) => t.node),
    tasks,
    interrupts: [],
    ...base(thread, checkpoint),
    status: 'idle',
  };
}

/** The thread now: finished tasks' writes applied, waiting nodes in `next` until fully answered. */
function headSnapshot(thread: Thread, head: Checkpoint): StateSnapshot {
  const flight = thread.inFlight;
  const tasks: TaskSnapshot[] = flight
    ? flight.tasks
        .filter((t) => t.status !== 'cancelled')
        .map((t) => ({
          id: t.id,
          name: t.node,
          interrupts: taskInterrupts(t),
          ...(t.status === 'done' ? { result: t.output!.update } : {}),
          ...(t.error ? { error: t.error } : {}),
        }))
    : thread.data.next.map((t, i) => ({ id: stableId(head.id, i, t.node), name: t.node, interrupts: [] }));
  return {
    values: thread.previewValues(),
    next: tasks.filter((t) => t.result === undefined).map((t) => t.name),
    tasks,
    interrupts: thread.pendingInterrupts(),
    ...base(thread, head),
    status: thread.status,
  };
}

export function snapshot(thread: Thread, checkpointId?: string): StateSnapshot {
  const head = thread.head();
  if (!head) return emptySnapshot(thread.threadId, thread.data.values, thread.status);
  if (!checkpointId || checkpointId === head.id) return headSnapshot(thread, head);
  const past = thread.data.checkpoints.find((c) => c.id === checkpointId);
  if (!past) throw new Error(`Thread "${thread.threadId}" has no checkpoint "${checkpointId}"`);
  return pastSnapshot(thread, past);
}

/** Checkpoints newest first; the head carries the live view. */
export function history(thread: Thread, limit?: number): StateSnapshot[] {
  const checkpoints = [...thread.data.checkpoints].reverse().slice(0, limit ?? undefined);
  return checkpoints.map((c, i) => (i === 0 && c === thread.head() ? headSnapshot(thread, c) : pastSnapshot(thread, c)));
}
