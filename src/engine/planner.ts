import { Goto, isSend } from './command';
import { END, START } from './constants';
import { InvalidUpdateError, NodeFailedError } from './errors';
import { errorText } from './errorText';
import type { Values } from './state';
import type { GraphDefinition, RouteTarget } from './types';

/** A task of the next superstep: a node triggered by edges (pull) or one Send (push, with its arg). */
export interface PlannedTask {
  node: string;
  /** Set for Send tasks: the node's input instead of the state. */
  arg?: unknown;
  push?: true;
}

/** A task that finished in the step just committed, with the goto of the Command it returned. */
export interface FinishedTask {
  node: string;
  goto?: Goto;
  /** What the node's routers returned, one per conditional edge from it, when its task ran them. */
  routes?: RouteTarget[];
}

/** Per join (by index in the definition): the sources that finished since its target last ran. */
export type JoinProgress = Record<string, string[]>;

export interface Plan {
  tasks: PlannedTask[];
  joins: JoinProgress;
}

/** A route's targets; anything but node names and Sends is the user's graph's mistake, named. */
function targetsOf(route: RouteTarget | Goto, from: string): Array<string | PlannedTask> {
  const list: unknown[] = Array.isArray(route) ? route : [route];
  return list.map((t) => {
    if (isSend(t)) return { node: t.node, arg: t.arg, push: true as const };
    if (typeof t === 'string') return t;
    throw new InvalidUpdateError(`"${from}" routes to ${t === undefined ? 'undefined' : JSON.stringify(t) ?? typeof t}; a route is a node name, END, a Send or a list of them`);
  });
}

/**
 * Decides the next superstep from the tasks that just finished: their static edges, joins whose
 * sources are all done, conditional edges (routes the tasks computed, else routers run on `state`) and
 * Command gotos. A node triggered twice runs once; every Send is its own task.
 */
export async function planNext(
  graph: GraphDefinition,
  finished: FinishedTask[],
  state: Values,
  joins: JoinProgress,
): Promise<Plan> {
  const pulls: string[] = [];
  const pushes: PlannedTask[] = [];
  const progress: JoinProgress = Object.fromEntries(Object.entries(joins).map(([k, v]) => [k, [...v]]));

  const add = (target: string | PlannedTask, from: string) => {
    if (typeof target !== 'string') {
      if (!graph.nodes.has(target.node)) throw new InvalidUpdateError(`Send from "${from}" targets unknown node "${target.node}"`);
      pushes.push(target);
      return;
    }
    if (target === END) return;
    if (!graph.nodes.has(target)) throw new InvalidUpdateError(`"${from}" routes to unknown node "${target}"`);
    if (!pulls.includes(target)) pulls.push(target);
  };

  for (const task of finished) {
    if (task.goto !== undefined) for (const t of targetsOf(task.goto, task.node)) add(t, task.node);
    for (const edge of graph.edges) if (edge.from === task.node) add(edge.to, task.node);
    graph.joins.forEach((join, i) => {
      if (!join.from.includes(task.node)) return;
      const seen = progress[i] ?? [];
      if (!seen.includes(task.node)) seen.push(task.node);
      progress[i] = seen;
    });
    const branches = graph.branches.filter((b) => b.from === task.node);
    const routes = task.routes ?? (await routesOf(graph, task.node, state));
    for (const [i, branch] of branches.entries()) {
      for (const t of targetsOf(routes[i], task.node)) {
        if (typeof t !== 'string' || !branch.pathMap) add(t, task.node);
        else if (Object.hasOwn(branch.pathMap, t)) add(branch.pathMap[t], task.node);
        else throw new InvalidUpdateError(`Router of "${task.node}" returned "${t}", which its path map does not list`);
      }
    }
  }
  graph.joins.forEach((join, i) => {
    if (join.from.every((source) => progress[i]?.includes(source))) {
      add(join.to, join.from.join('+'));
      delete progress[i];
    }
  });
  return { tasks: [...pulls.map((node) => ({ node })), ...pushes], joins: progress };
}

/**
 * What the routers of `node`'s conditional edges return for `state`, in definition order. LangGraph
 * runs them in the node's task on the state the step began with plus the node's own writes.
 */
export async function routesOf(graph: GraphDefinition, node: string, state: Values): Promise<RouteTarget[]> {
  const routes: RouteTarget[] = [];
  for (const branch of graph.branches) {
    if (branch.from !== node) continue;
    try {
      routes.push(await branch.router(state));
    } catch (err) {
      // interrupt() in a router pauses the task: its error is not a failure.
      if ((err as Error)?.name === 'CancelledFailure') throw err;
      // The user's router failed: the graph's failure (NODE_FAILED), not a bug of the thread.
      throw new NodeFailedError(`The router after node "${node}" threw: ${errorText(err)}`, { cause: err });
    }
  }
  return routes;
}

/** The first superstep of a run: what START leads to. */
export function planStart(graph: GraphDefinition, state: Values, joins: JoinProgress): Promise<Plan> {
  return planNext(graph, [{ node: START }], state, joins);
}
