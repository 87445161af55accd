import { Goto, isCommand } from './command';
import { InvalidUpdateError } from './errors';
import type { Values } from './state';
import type { RouteTarget } from './types';

/** A node's return value, normalised: the update it writes and where its Command routes. */
export interface NodeOutput {
  update: Values;
  goto?: Goto;
  /** What the node's routers returned (run in its task, after its body). */
  routes?: RouteTarget[];
}

export function nodeOutput(node: string, result: unknown): NodeOutput {
  if (result === undefined || result === null) return { update: {} };
  if (isCommand(result)) {
    if (result.resume !== undefined) throw new InvalidUpdateError(`Node "${node}" returned a Command with resume; only clients resume`);
    return { update: result.update ?? {}, goto: result.goto };
  }
  if (typeof result !== 'object' || Array.isArray(result)) {
    throw new InvalidUpdateError(`Node "${node}" returned ${Array.isArray(result) ? 'an array' : typeof result}; return an object of state updates or a Command`);
  }
  return { update: result as Values };
}
