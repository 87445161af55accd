import type { CallOptions } from '../runtime/protocol';

/** A LangGraph-style config: the thread (and optionally a checkpoint) plus per-call options. */
export interface GraphConfig extends Omit<CallOptions, 'checkpointId' | 'streamMode'> {
  configurable: { thread_id: string; checkpoint_id?: string };
  streamMode?: CallOptions['streamMode'] | NonNullable<CallOptions['streamMode']>[number];
}
