import type { CallOptions } from '../runtime/protocol';

/** A LangGraph-style config: the thread (and optionally a checkpoint) plus per-call options. */
export interface GraphConfig extends Omit<CallOptions, 'checkpointId' | 'streamMode'> {
  /** `checkpoint_ns` names a subgraph (its snapshot's config has one): refused, subgraphs have no checkpoints of their own. */
  configurable: { thread_id: string; checkpoint_id?: string; checkpoint_ns?: string };
  streamMode?: CallOptions['streamMode'] | NonNullable<CallOptions['streamMode']>[number];
  /**
   * The request's id (default: a new UUID). Sending a request again with the same id applies it at
   * most once; the HTTP server uses it as the run id.
   */
  requestId?: string;
}
