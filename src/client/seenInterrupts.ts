// What this client last saw pending on each thread (from invoke outcomes and getState). A plain
// answer is bound to what its sender saw, which saves the round trip of asking the thread; only a
// thread this client has not seen (or whose answer was refused) is asked.
import type { Interrupt } from '../runtime/protocol';

const MAX_THREADS = 10_000;

export class SeenInterrupts {
  private readonly byThread = new Map<string, string[]>();

  /** Records the answerable interrupt ids of a thread (those without an id take invoke(null)). */
  saw(threadId: string, interrupts: readonly Interrupt[] | undefined): void {
    const ids = (interrupts ?? []).flatMap((i) => (i.id ? [i.id] : []));
    this.byThread.delete(threadId); // re-inserted last: the map's order is the eviction order
    this.byThread.set(threadId, ids);
    if (this.byThread.size > MAX_THREADS) this.byThread.delete(this.byThread.keys().next().value!);
  }

  /** The ids last seen, or undefined when this client has no view of the thread. */
  lastSeen(threadId: string): string[] | undefined {
    return this.byThread.get(threadId);
  }

  /** After a refused answer: the view was stale, so the next answer asks the thread. */
  forget(threadId: string): void {
    this.byThread.delete(threadId);
  }
}
