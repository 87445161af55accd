import { END, START } from '../engine/constants';
import { GraphValidationError } from '../engine/errors';
import type { GraphDefinition, NodeSelection } from '../engine/types';

export type { NodeSelection };

function checkKnown(def: GraphDefinition, name: string, where: string, allow: string[] = []): void {
  if (!def.nodes.has(name) && !allow.includes(name)) {
    throw new GraphValidationError(`${where} names unknown node "${name}"; known nodes: ${[...def.nodes.keys()].join(', ')}`);
  }
}

/** Compile-time checks: every name known, START has a way out, every node reachable. */
export function validateGraph(
  def: GraphDefinition,
  options: { interruptBefore?: NodeSelection; interruptAfter?: NodeSelection },
): void {
  for (const { from, to } of def.edges) {
    checkKnown(def, from, `Edge ${from} -> ${to}`, [START]);
    checkKnown(def, to, `Edge ${from} -> ${to}`, [END]);
  }
  for (const join of def.joins) {
    // An empty join would be "complete" after every step and run its target forever.
    if (!join.from.length) throw new GraphValidationError(`Edge [] -> ${join.to} has no source node; list the nodes ${join.to} waits for`);
    for (const from of join.from) checkKnown(def, from, `Edge [${join.from.join(', ')}] -> ${join.to}`);
    checkKnown(def, join.to, `Edge [${join.from.join(', ')}] -> ${join.to}`, [END]);
  }
  for (const branch of def.branches) {
    checkKnown(def, branch.from, 'Conditional edge', [START]);
    for (const to of Object.values(branch.pathMap ?? {})) checkKnown(def, to, `Conditional edge from ${branch.from}`, [END]);
  }
  for (const node of def.nodes.values()) for (const end of node.ends) checkKnown(def, end, `ends of node "${node.name}"`, [END]);
  for (const [option, selection] of Object.entries({ interruptBefore: options.interruptBefore, interruptAfter: options.interruptAfter })) {
    if (selection === undefined || selection === '*') continue;
    if (!Array.isArray(selection)) throw new GraphValidationError(`${option} must be a list of node names or '*'`);
    for (const name of selection) checkKnown(def, name, option);
  }

  const fromStart = def.edges.some((e) => e.from === START) || def.branches.some((b) => b.from === START);
  if (!fromStart) throw new GraphValidationError('The graph has no edge out of START: add addEdge(START, "<first node>")');

  // A router without a path map may go anywhere, so only mapped routes narrow reachability.
  if (def.branches.some((b) => !b.pathMap)) return;
  const reached = new Set<string>([START]);
  const queue = [START];
  while (queue.length) {
    const node = queue.shift()!;
    const targets = [
      ...def.edges.filter((e) => e.from === node).map((e) => e.to),
      ...def.joins.filter((j) => j.from.includes(node)).map((j) => j.to),
      ...def.branches.filter((b) => b.from === node).flatMap((b) => Object.values(b.pathMap ?? {})),
      ...(def.nodes.get(node)?.ends ?? []),
    ];
    for (const t of targets) {
      if (reached.has(t)) continue;
      reached.add(t);
      queue.push(t);
    }
  }
  const unreachable = [...def.nodes.keys()].filter((n) => !reached.has(n));
  if (unreachable.length) {
    throw new GraphValidationError(
      `Node(s) ${unreachable.map((n) => `"${n}"`).join(', ')} cannot be reached from START; add an edge to them or remove them`,
    );
  }
}
