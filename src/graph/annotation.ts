import type { Channel, StateDefinition, StateType, UpdateType } from '../engine/channel';

export type { Channel, StateDefinition, StateType, UpdateType };

/** The state schema of a graph, as built by `Annotation.Root`. */
export interface AnnotationRoot<SD extends StateDefinition> {
  readonly spec: SD;
  /** Type-only: `typeof MyState.State`. */
  readonly State: StateType<SD>;
  /** Type-only: `typeof MyState.Update`. */
  readonly Update: UpdateType<SD>;
}

function annotation<V, U = V>(options?: { reducer?: (current: V, update: U) => V; default?: () => V }): Channel<V, U> {
  return { reducer: options?.reducer, default: options?.default };
}

function root<SD extends StateDefinition>(spec: SD): AnnotationRoot<SD> {
  return { spec } as AnnotationRoot<SD>;
}

/** `Annotation<T>()` declares a last-value key; `Annotation<T>({ reducer, default })` a merged one. */
export const Annotation = Object.assign(annotation, { Root: root });
