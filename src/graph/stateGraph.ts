import type { AnnotationRoot, StateDefinition, StateType, UpdateType } from './annotation';
import { CompiledGraph, CompileOptions } from '../engine/compiledGraph';
import { END, START } from '../engine/constants';
import { GraphValidationError } from '../engine/errors';
import type { GraphDefinition, NodeFunction, NodeOptions, Router } from '../engine/types';
import { isCompiledGraph, subgraphNode } from './subgraphNode';
import { validateGraph } from './validate';

const RESERVED = new Set([START, END]);

/** Builds a graph over a state schema, as LangGraph's StateGraph. */
export class StateGraph<SD extends StateDefinition, S = StateType<SD>, U = UpdateType<SD>> {
  private readonly def: GraphDefinition = { nodes: new Map(), edges: [], joins: [], branches: [] };

  constructor(readonly state: AnnotationRoot<SD>) {}

  /** A node is a function of the state, or a compiled graph (a subgraph sharing the parent's state keys). */
  addNode(name: string, fn: NodeFunction<S, U> | CompiledGraph, options: NodeOptions = {}): this {
    if (RESERVED.has(name) || name.startsWith('__')) {
      throw new GraphValidationError(`Node name "${name}" is reserved (names starting with "__" belong to durable-graph)`);
    }
    if (this.def.nodes.has(name)) throw new GraphValidationError(`Node "${name}" is already in the graph`);
    if (name in this.state.spec) {
      throw new GraphValidationError(`Node "${name}" has the name of a state key; pick another name`);
    }
    const run = isCompiledGraph(fn) ? subgraphNode(fn, Object.keys(this.state.spec)) : fn;
    this.def.nodes.set(name, { name, fn: run, ends: options.ends ?? [], retryPolicy: options.retryPolicy });
    return this;
  }

  /** `addEdge(a, b)`; `addEdge([a, b], c)` runs c once both a and b have finished. */
  addEdge(from: string | string[], to: string): this {
    if (Array.isArray(from)) this.def.joins.push({ from: [...from], to });
    else this.def.edges.push({ from, to });
    return this;
  }

  /** Routes by `router(state)`; `pathMap` maps its results to nodes (a list means identity). */
  addConditionalEdges(from: string, router: Router<S>, pathMap?: Record<string, string> | string[]): this {
    const map = Array.isArray(pathMap) ? Object.fromEntries(pathMap.map((n) => [n, n])) : pathMap;
    this.def.branches.push({ from, router, pathMap: map });
    return this;
  }

  /** Checks the graph (clear errors naming the culprit) and freezes it. */
  compile(options: CompileOptions = {}): CompiledGraph<SD, S, U> {
    validateGraph(this.def, options);
    return new CompiledGraph<SD, S, U>(this.state.spec, snapshot(this.def), options);
  }
}

/** A copy the builder's later calls cannot reach: a compiled graph stays as it was validated. */
function snapshot(def: GraphDefinition): GraphDefinition {
  return {
    nodes: new Map([...def.nodes].map(([name, node]) => [name, { ...node, ends: [...node.ends] }])),
    edges: def.edges.map((e) => ({ ...e })),
    joins: def.joins.map((j) => ({ from: [...j.from], to: j.to })),
    branches: def.branches.map((b) => ({ ...b })),
  };
}
