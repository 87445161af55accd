/** How one state key merges writes: a reducer, or last value wins (one writer per step). */
export interface Channel<V = unknown, U = V> {
  reducer?: (current: V, update: U) => V;
  default?: () => V;
  /** Phantom types, never set: let `Annotation.Root` infer State and Update. */
  readonly __value?: V;
  readonly __update?: U;
}

export type StateDefinition = Record<string, Channel<any, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each key has its own value type

export type StateType<SD extends StateDefinition> = {
  [K in keyof SD]: SD[K] extends Channel<infer V, any> ? V : never; // eslint-disable-line @typescript-eslint/no-explicit-any
};
export type UpdateType<SD extends StateDefinition> = {
  [K in keyof SD]?: SD[K] extends Channel<any, infer U> ? U : never; // eslint-disable-line @typescript-eslint/no-explicit-any
};

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
