// The inbox's list: every request waiting on an interrupted thread, as the viewer sees it, read
// through an InboxSource (a GraphClient acting as the viewer, in clientSource.ts).
import type { Identity } from '../../engine/identity';
import { requestView, statedRequester, type InboxRequest, type PendingInterrupt } from './requestView';

/** An interrupted thread with its pending interrupts. */
export interface WaitingThread {
  threadId: string;
  graph: string;
  interrupts: PendingInterrupt[];
  /** Why its state could not be read (the list shows the others, and says so). */
  unreadable?: string;
}

/** One audit log entry, as far as the inbox reads it. */
export interface AuditRecord {
  at: string;
  by: Identity;
  kind: string;
}

/** What the inbox reads, on behalf of the viewer. */
export interface InboxSource {
  me(): Promise<Identity>;
  waitingThreads(): Promise<WaitingThread[]>;
  auditLog(thread: { threadId: string; graph: string }): Promise<AuditRecord[]>;
}

/** What the page gets: who is looking, and what waits. */
export interface WaitingList {
  me: Identity;
  requests: InboxRequest[];
  /** Interrupted threads whose state could not be read, and why. */
  unreadable: Array<{ threadId: string; graph: string; message: string }>;
}

/**
 * Who asked: the interrupt's own requester when it names one; else the sender of the thread's last
 * input before the interrupt was raised (the request that started its run), from the audit log,
 * unless the approvers rule names someone else. The audit log also gives the person's display
 * name, which the rule's bare id lacks. Remembered per interrupt id (ids are unique per run), since
 * reading an audit log reads the thread's history.
 */
export class RequesterLookup {
  private readonly known = new Map<string, Identity | null>();

  constructor(private readonly capacity = 1000) {}

  async of(source: InboxSource, thread: WaitingThread, pending: PendingInterrupt): Promise<Identity | undefined> {
    if (pending.requester) return pending.requester;
    if (!this.known.has(pending.id)) {
      const log = await source.auditLog(thread);
      const inputs = log.filter((e) => e.kind === 'input' && (!pending.raisedAt || e.at <= pending.raisedAt));
      const starter = inputs.at(-1)?.by;
      const ruled = statedRequester(pending);
      this.remember(pending.id, (ruled && ruled.id !== starter?.id ? ruled : starter) ?? null);
    }
    return this.known.get(pending.id) ?? undefined;
  }

  private remember(id: string, requester: Identity | null): void {
    // A Map iterates in insertion order: the first key is the oldest.
    if (this.known.size >= this.capacity) this.known.delete(this.known.keys().next().value!);
    this.known.set(id, requester);
  }
}

/** Oldest first: the request that has waited longest leads the list. */
function byAge(a: InboxRequest, b: InboxRequest): number {
  return (a.raisedAt ?? '').localeCompare(b.raisedAt ?? '') || a.threadId.localeCompare(b.threadId);
}

/** Every request waiting on the viewer's interrupted threads, oldest first. */
export async function waitingRequests(source: InboxSource, requesters: RequesterLookup): Promise<WaitingList> {
  const [me, threads] = await Promise.all([source.me(), source.waitingThreads()]);
  const lists = await Promise.all(
    threads.map((thread) =>
      Promise.all(thread.interrupts.map(async (pending) => requestView(thread, pending, me, await requesters.of(source, thread, pending)))),
    ),
  );
  const unreadable = threads.flatMap((t) => (t.unreadable === undefined ? [] : [{ threadId: t.threadId, graph: t.graph, message: t.unreadable }]));
  return { me, requests: lists.flat().sort(byAge), unreadable };
}
