// The thread's checkpoints, newest last, bounded by the size of the state they hold rather than by
// count: a thread with a small state offers a long history, one with a 1 MiB state at least its head.
import type { Values } from '../../engine/state';
import { stableId } from '../ids';
import type { Checkpoint, ThreadData } from './data';
import { cloneData } from './cloneData';
import { carriedLog } from './eventLog';
import { CHECKPOINT_LOG_BYTES } from './limits';

/** What a transition gives to record a checkpoint; the log adds id, time and size (and the parent: the head, unless given). */
export type NewCheckpoint = Pick<Checkpoint, 'step' | 'source' | 'values' | 'next' | 'joins' | 'writes' | 'parentId'>;

/** Appends a checkpoint (a deep copy of what it is given) and drops the oldest over the budget. */
export function appendCheckpoint(data: ThreadData, threadId: string, entry: NewCheckpoint, now: string): ThreadData {
  const json = JSON.stringify(entry.values);
  const parentId = entry.parentId ?? data.checkpoints[data.checkpoints.length - 1]?.id;
  const draft: Omit<Checkpoint, 'size'> = {
    id: stableId(threadId, 'checkpoint', data.checkpointSeq),
    ...(parentId ? { parentId } : {}),
    step: entry.step,
    source: entry.source,
    values: JSON.parse(json) as Values,
    next: cloneData(entry.next),
    joins: cloneData(entry.joins),
    ...(entry.writes ? { writes: cloneData(entry.writes) } : {}),
    createdAt: now,
  };
  // The whole entry counts, not only its state: a long history of small states is bounded too.
  // Its JSON length, without stringifying the state a second time: the state's JSON stands where `null` does.
  const checkpoint: Checkpoint = { ...draft, size: JSON.stringify({ ...draft, values: null }).length - 'null'.length + json.length };
  return { ...data, checkpointSeq: data.checkpointSeq + 1, checkpoints: trimmed([...data.checkpoints, checkpoint]) };
}

/**
 * The head (whatever its size) and the newest older checkpoints that fit CHECKPOINT_LOG_BYTES. The
 * head's state is the thread's own and travels once through continue-as-new, so only the older ones
 * count: the carried data stays under Temporal's 2 MiB payload limit with a 1 MiB state.
 */
function trimmed(log: Checkpoint[]): Checkpoint[] {
  let total = 0;
  let keepFrom = log.length - 1;
  for (let i = log.length - 2; i >= 0; i--) {
    total += log[i].size;
    if (total > CHECKPOINT_LOG_BYTES) break;
    keepFrom = i;
  }
  return keepFrom === 0 ? log : log.slice(keepFrom);
}

export function findCheckpoint(data: ThreadData, checkpointId: string): Checkpoint | undefined {
  return data.checkpoints.find((c) => c.id === checkpointId);
}

/**
 * ThreadData as continue-as-new carries it: the state is usually the head checkpoint's, so it is
 * sent once (the head's copy is left out and restored on arrival); stream events within their budget.
 */
export function carriedData(thread: ThreadData): ThreadData {
  const data = thread.events ? { ...thread, events: carriedLog(thread.events) } : thread;
  const log = data.checkpoints;
  const last = log[log.length - 1];
  if (!last || JSON.stringify(last.values) !== JSON.stringify(data.values)) return data;
  return { ...data, checkpoints: [...log.slice(0, -1), { ...last, values: SAME_AS_CURRENT }] };
}

/** Restores what carriedData left out. */
export function arrivedData(data: ThreadData): ThreadData {
  const log = data.checkpoints;
  const last = log[log.length - 1];
  if (!last || last.values !== SAME_AS_CURRENT) return data;
  return { ...data, checkpoints: [...log.slice(0, -1), { ...last, values: data.values }] };
}

// Survives the JSON round trip of continue-as-new as itself (a string equal by value), marking the
// head's values as "those of the thread"; no state is a string, so it cannot be mistaken for one.
const SAME_AS_CURRENT = '__same_as_current__' as unknown as Values;
