// The thread's search attributes (graph name, status, pending interrupts, waiting since), published
// for visibility queries. Each upsert is an event in the thread's history, so threads started by
// current clients publish only what changed, and only when the thread rests (waits for a request,
// or for its running tasks): the transitions in between, often several within one workflow task,
// record nothing. Threads started before that publish every change in full, as they always did, so
// their histories replay unchanged.
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ThreadStatus } from './protocol';
import { GRAPH_NAME, PENDING_INTERRUPTS, THREAD_STATUS, WAITING_SINCE } from './searchAttributes';

/** How a thread publishes its search attributes: fixed when its workflow starts (its input says which). */
export type AttributePublishing = 'every-change' | 'changes-at-rest';

interface Published {
  name?: string;
  status?: string;
  pending?: number;
  since?: number;
}

/** The fields of Published in the order of the attributes published. */
const FIELDS = ['name', 'status', 'pending', 'since'] as const;

export class ThreadAttributes {
  /** What the workflow's search attributes hold now (as the client set them at start, or carried over by continue-as-new). */
  private current: Published;
  /** 'every-change': the standing last published in this run; the first one is always published. */
  private lastKey?: string;

  constructor(
    readonly publishing: AttributePublishing,
    private readonly graphName: string,
  ) {
    const attributes = workflowInfo().typedSearchAttributes;
    this.current = {
      name: attributes.get(GRAPH_NAME),
      status: attributes.get(THREAD_STATUS),
      pending: attributes.get(PENDING_INTERRUPTS),
      since: attributes.get(WAITING_SINCE)?.getTime(),
    };
  }

  /**
   * Publishes the thread's standing if it changed: all four attributes ('every-change', compared
   * with what this run published last), or only those that differ from what the workflow holds.
   */
  publish(status: ThreadStatus, pending: number, waitingSince: string | undefined): void {
    if (this.publishing === 'every-change') {
      const key = `${status}/${pending}/${waitingSince ?? ''}`;
      if (key === this.lastKey) return;
      this.lastKey = key;
    }
    const since = waitingSince === undefined ? undefined : Date.parse(waitingSince);
    const all: SearchAttributeUpdatePair[] = [
      { key: GRAPH_NAME, value: this.graphName },
      { key: THREAD_STATUS, value: status },
      { key: PENDING_INTERRUPTS, value: pending },
      { key: WAITING_SINCE, value: since === undefined ? null : new Date(since) },
    ];
    const next: Published = { name: this.graphName, status, pending, since };
    const changed = this.publishing === 'every-change' ? all : all.filter((_, i) => next[FIELDS[i]] !== this.current[FIELDS[i]]);
    this.current = next;
    if (changed.length) upsertSearchAttributes(changed);
  }
}
