// A compiled graph added as a node (`addNode('child', compiledChild)`): it runs inline in the parent's
// task, as LangGraph does for a subgraph sharing the parent's state keys.
import { CompiledGraph } from '../engine/compiledGraph';
import { isPlainObject, type Values } from '../engine/state';
import type { NodeFunction } from '../engine/types';

export function isCompiledGraph(value: unknown): value is CompiledGraph {
  return value instanceof CompiledGraph;
}

/**
 * The node function that runs `child`: its input is what the node receives (the parent's state, or a
 * Send's argument) narrowed to the child's own keys, as LangGraph's input channels do; it writes the
 * child's final values of the keys both graphs share back. Like LangGraph, a shared key with a
 * reducer in the parent receives the child's whole value.
 */
export function subgraphNode(child: CompiledGraph, parentKeys: string[]): NodeFunction<Values, Values> {
  const shared = parentKeys.filter((k) => Object.hasOwn(child.spec, k));
  return async (state, ctx) => {
    const input = isPlainObject(state) ? Object.fromEntries(Object.entries(state).filter(([k]) => Object.hasOwn(child.spec, k))) : state;
    const output = (await child.invoke(input, ctx)) as Values;
    return Object.fromEntries(shared.filter((k) => output[k] !== undefined).map((k) => [k, output[k]]));
  };
}
