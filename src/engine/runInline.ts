import type { CompiledGraph } from './compiledGraph';
import { GraphRecursionError } from './errors';
import { nodeOutput } from './nodeOutput';
import { FinishedTask, planNext, planStart, routesOf } from './planner';
import { applyWrites, initialValues, Values, Write } from './state';
import type { InheritedContext, NodeContext } from './types';

/**
 * Runs a compiled graph to completion in the caller's context (a subgraph inside a node): same
 * planner and reducers as a thread, without checkpoints or breakpoints.
 */
export async function runInline(
  graph: CompiledGraph,
  input: Values,
  ctx: InheritedContext | undefined,
  recursionLimit: number,
): Promise<Values> {
  let values = applyWrites(graph.spec, initialValues(graph.spec), [{ node: '__input__', update: input }]);
  let plan = await planStart(graph.def, values, {});
  for (let step = 0; plan.tasks.length; step++) {
    if (step >= recursionLimit) {
      throw new GraphRecursionError(`Subgraph reached its recursion limit of ${recursionLimit} steps without finishing`);
    }
    const outputs = await Promise.all(
      plan.tasks.map(async (task) => {
        const node = graph.def.nodes.get(task.node)!;
        const context: NodeContext = {
          node: task.node,
          step,
          threadId: ctx?.threadId ?? '',
          writer: ctx?.writer ?? (() => undefined),
          get streamsMessages() {
            return ctx?.streamsMessages ?? false;
          },
          messageMetadata: ctx?.messageMetadata ?? { thread_id: ctx?.threadId ?? '', langgraph_node: task.node, langgraph_step: step, langgraph_triggers: [], langgraph_checkpoint_ns: '' },
          emitMessage: ctx?.emitMessage ?? (() => undefined),
        };
        const output = nodeOutput(task.node, await node.fn(task.push ? task.arg : values, context));
        // Routers run with the node, on the step's starting state plus its own writes (as LangGraph).
        const routes = await routesOf(graph.def, task.node, applyWrites(graph.spec, values, [{ node: task.node, update: output.update }]));
        return { ...output, routes };
      }),
    );
    const writes: Write[] = outputs.map((o, i) => ({ node: plan.tasks[i].node, update: o.update }));
    values = applyWrites(graph.spec, values, writes);
    const finished: FinishedTask[] = outputs.map((o, i) => ({ node: plan.tasks[i].node, goto: o.goto, routes: o.routes }));
    plan = await planNext(graph.def, finished, values, plan.joins);
  }
  return values;
}
