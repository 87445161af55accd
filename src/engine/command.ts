/** Sends `arg` as the input of one extra task of `node` (map-reduce fan-out). */
export class Send<A = unknown> {
  readonly lg_name = 'Send';
  constructor(
    readonly node: string,
    readonly arg: A,
  ) {}
}

export type Goto = string | Send | Array<string | Send>;

export interface CommandParams<U = Record<string, unknown>> {
  /** Answer to the pending interrupt, or `{ [interruptId]: answer }` for several. */
  resume?: unknown;
  /** State update, applied through the reducers. */
  update?: U;
  /** Where to go next (node names or Sends). */
  goto?: Goto;
}

/** Returned by a node to update and route; sent by a client to resume. */
export class Command<U = Record<string, unknown>> {
  readonly lg_name = 'Command';
  // `declare`: no class-field initialisers, so a field not given is absent (`'resume' in cmd` is false).
  declare readonly resume?: unknown;
  declare readonly update?: U;
  declare readonly goto?: Goto;
  constructor(params: CommandParams<U>) {
    if ('resume' in params) this.resume = params.resume;
    if (params.update !== undefined) this.update = params.update;
    if (params.goto !== undefined) this.goto = params.goto;
  }
}

export function isCommand(value: unknown): value is Command {
  return typeof value === 'object' && value !== null && (value as { lg_name?: unknown }).lg_name === 'Command';
}

export function isSend(value: unknown): value is Send {
  return typeof value === 'object' && value !== null && (value as { lg_name?: unknown }).lg_name === 'Send';
}
