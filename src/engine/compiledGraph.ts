import type { StateDefinition } from './channel';
import type { GraphDefinition } from './types';
import type { NodeSelection } from './types';
import { runInline } from './runInline';
import type { Values } from './state';

export { selected } from './breakpoints';
import type { InheritedContext } from './types';

export interface CompileOptions {
  /** Pause before these nodes run (`'*'`: every node). */
  interruptBefore?: NodeSelection;
  /** Pause after these nodes ran. */
  interruptAfter?: NodeSelection;
  /** Graph name shown in visibility; defaults to the workflow type. */
  name?: string;
}

/** A validated graph, ready to be run by `graphWorkflow` or called inline as a subgraph. */
export class CompiledGraph<SD extends StateDefinition = StateDefinition, S = unknown, U = unknown> {
  constructor(
    readonly spec: SD,
    readonly def: GraphDefinition,
    readonly options: CompileOptions,
  ) {}

  /** Type-only markers for inference. */
  declare readonly __state?: S;
  declare readonly __update?: U;

  get name(): string | undefined {
    return this.options.name;
  }

  /**
   * Runs this graph inside a node of another graph (a subgraph): pass the node's `ctx`. Its
   * interrupts and its own breakpoints pause the parent's thread in the calling node's task; its
   * steps are not checkpointed separately.
   */
  invoke(input: Partial<U> | Values, ctx?: InheritedContext, options: { recursionLimit?: number } = {}): Promise<S> {
    return runInline(this, input, ctx, options.recursionLimit ?? 25) as Promise<S>;
  }
}
