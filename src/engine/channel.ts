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
  [K in keyof SD]: SD[K] extends Channel<infer V, any> ? V : never; // eslint-disable-line @typescript-eslint/no-explicit-any -- the update type does not matter here
};
export type UpdateType<SD extends StateDefinition> = {
  [K in keyof SD]?: SD[K] extends Channel<any, infer U> ? U : never; // eslint-disable-line @typescript-eslint/no-explicit-any -- the value type does not matter here
};
