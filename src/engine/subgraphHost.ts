// What a compiled graph running inline in a task of a thread (a subgraph) tells the thread and asks
// of it. The engine knows nothing of Temporal: the thread implements this (src/runtime/subgraphHost.ts);
// outside a thread there is no host, and a subgraph simply runs to its end.
import type { Values } from './state';

/** One task of the subgraph's step under way (or about to run, at a breakpoint). */
export interface SubgraphTaskProgress {
  node: string;
  /** The task's writes, once it finished. */
  result?: Values;
}

/** Where a subgraph stands: what `getState(config, { subgraphs: true })` shows under the parent's task. */
export interface SubgraphProgress {
  /** The subgraph's checkpoint step (LangGraph's numbering: steps committed so far). */
  step: number;
  /** Its state, with the writes of its finished tasks of the step under way applied. */
  values: Values;
  tasks: SubgraphTaskProgress[];
  /** Set while it stops at its own `interruptBefore` / `interruptAfter`. */
  breakpoint?: 'before' | 'after';
}

/** The thread's side of a subgraph running inline in one of its tasks. */
export interface SubgraphHost {
  /** The subgraph's progress changed (a step planned or stopped at, a task finished, the end). */
  report(progress: SubgraphProgress): void;
  /** Runs the subgraph's task `index` of `step`; `run` gets the host for graphs nested in that task. */
  runTask<T>(step: number, index: number, node: string, run: (nested: SubgraphHost) => Promise<T>): Promise<T>;
  /** After a report with a breakpoint: resolves when the parent thread is continued (invoke(null) or a Command). */
  breakpointReleased(): Promise<void>;
}
