import type { Channel, StateDefinition } from './channel';
import { InvalidUpdateError, NodeFailedError } from './errors';
import { errorText } from './errorText';

export type Values = Record<string, unknown>;

/** One task's update in a superstep, attributed to the node that wrote it. */
export interface Write {
  node: string;
  update: Values;
}

/** A JSON object (not an array, not null): the shape of state updates and tool arguments. */
export function isPlainObject(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The state a new thread starts from: every key's default, or undefined. */
export function initialValues(spec: StateDefinition): Values {
  const values: Values = {};
  for (const [key, channel] of Object.entries(spec)) values[key] = channel.default ? channel.default() : undefined;
  return values;
}

/** Names of keys in `update` that the state has no channel for (own properties only: `toString` is unknown). */
export function unknownKeys(spec: StateDefinition, update: Values): string[] {
  return Object.keys(update).filter((k) => !Object.hasOwn(spec, k));
}

/** Runs a piece of the user's graph (reducer, router): what it throws is the graph's failure, not ours. */
export function userCode<T>(run: () => T, what: string): T {
  try {
    return run();
  } catch (err) {
    throw new NodeFailedError(`${what} threw: ${errorText(err)}`, { cause: err });
  }
}

/**
 * Applies one superstep's writes in the given (deterministic) order. A key without a reducer accepts
 * one write per step: two writers is an error naming the key and the nodes.
 */
export function applyWrites(spec: StateDefinition, values: Values, writes: Write[]): Values {
  const next: Values = { ...values };
  const lastValueWriters = new Map<string, string[]>();
  for (const { node, update } of writes) {
    const unknown = unknownKeys(spec, update);
    if (unknown.length) {
      throw new InvalidUpdateError(`Node "${node}" wrote unknown state key(s) ${unknown.map((k) => `"${k}"`).join(', ')}`);
    }
    for (const [key, value] of Object.entries(update)) {
      if (value === undefined) continue;
      const channel: Channel = spec[key];
      if (channel.reducer) {
        const reducer = channel.reducer;
        const current = next[key] === undefined && channel.default ? channel.default() : next[key];
        // As LangGraph's BinaryOperatorAggregate: with no value yet, the first write is taken as is.
        next[key] = current === undefined ? value : userCode(() => reducer(current, value), `The reducer of state key "${key}" (write of node "${node}")`);
      } else {
        const writers = lastValueWriters.get(key) ?? [];
        writers.push(node);
        lastValueWriters.set(key, writers);
        next[key] = value;
      }
    }
  }
  for (const [key, writers] of lastValueWriters) {
    if (writers.length > 1) {
      throw new InvalidUpdateError(
        `State key "${key}" has no reducer but was written by ${writers.length} nodes in one step (${writers.join(', ')}); ` +
          'give it a reducer in Annotation or let one node write it',
      );
    }
  }
  return next;
}
