import { selected } from './breakpoints';
import type { CompiledGraph } from './compiledGraph';
import { DurableGraphError, GraphRecursionError } from './errors';
import { nodeOutput, type NodeOutput } from './nodeOutput';
import { FinishedTask, planNext, planStart, routesOf, type PlannedTask } from './planner';
import { applyWrites, initialValues, Values, Write } from './state';
import { ANONYMOUS } from './identity';
import type { SubgraphHost } from './subgraphHost';
import type { InheritedContext, NodeContext } from './types';


/**
 * Runs a compiled graph to completion in the caller's context (a subgraph inside a node): same
 * planner and reducers as a thread, without checkpoints of its own. Inside a thread (`ctx` carries
 * the thread's host) it reports its progress and stops at its own breakpoints until the parent is
 * continued; elsewhere it runs straight through.
 */
export async function runInline(graph: CompiledGraph, input: Values, ctx: InheritedContext | undefined, recursionLimit: number): Promise<Values> {
  const host = ctx?.subgraphHost;
  let values = applyWrites(graph.spec, initialValues(graph.spec), [{ node: '__input__', update: input }]);
  let plan = await planStart(graph.def, values, {});
  let step = 0;
  for (; plan.tasks.length; step++) {
    if (host && plan.tasks.some((t) => selected(graph.options.interruptBefore, t.node))) {
      await stopAt(host, 'before', step, values, plan.tasks);
    }
    if (step >= recursionLimit) {
      throw new GraphRecursionError(`Subgraph reached its recursion limit of ${recursionLimit} steps without finishing`);
    }
    const tasks = plan.tasks;
    const stepValues = values;
    const finished: Array<NodeOutput | undefined> = tasks.map(() => undefined);
    const report = () => host?.report({ step, values: preview(graph, stepValues, tasks, finished), tasks: tasks.map((t, i) => ({ node: t.node, ...(finished[i] ? { result: finished[i].update } : {}) })) });
    report();
    const outputs = await Promise.all(
      tasks.map(async (task, i) => {
        const run = (nested?: SubgraphHost) => runTask(graph, task, step, stepValues, { ...ctx, subgraphHost: nested });
        finished[i] = host ? await host.runTask(step, i, task.node, run) : await run();
        report();
        return finished[i];
      }),
    );
    const writes: Write[] = outputs.map((o, i) => ({ node: tasks[i].node, update: o.update }));
    values = applyWrites(graph.spec, stepValues, writes);
    const done: FinishedTask[] = outputs.map((o, i) => ({ node: tasks[i].node, goto: o.goto, routes: o.routes }));
    plan = await planNext(graph.def, done, values, plan.joins);
    // As LangGraph: the after-breakpoint holds even when nothing follows.
    if (host && tasks.some((t) => selected(graph.options.interruptAfter, t.node))) {
      await stopAt(host, 'after', step + 1, values, plan.tasks);
    }
  }
  host?.report({ step, values, tasks: [] });
  return values;
}

/** One node of the subgraph's step, then its routers in the same task (as LangGraph, on the step's state plus its own writes). */
async function runTask(graph: CompiledGraph, task: PlannedTask, step: number, stepValues: Values, ctx: Partial<InheritedContext>): Promise<NodeOutput> {
  const context: NodeContext = {
    node: task.node,
    step,
    threadId: ctx.threadId ?? '',
    writer: ctx.writer ?? (() => undefined),
    identity: ctx.identity ?? ANONYMOUS,
    get streamsMessages() {
      return ctx.streamsMessages ?? false;
    },
    messageMetadata: ctx.messageMetadata ?? { thread_id: ctx.threadId ?? '', langgraph_node: task.node, langgraph_step: step, langgraph_triggers: [], langgraph_checkpoint_ns: '' },
    emitMessage: ctx.emitMessage ?? (() => undefined),
    ...(ctx.subgraphHost ? { subgraphHost: ctx.subgraphHost } : {}),
  };
  const output = nodeOutput(task.node, await graph.def.nodes.get(task.node)!.fn(task.push ? task.arg : stepValues, context));
  const routes = await routesOf(graph.def, task.node, applyWrites(graph.spec, stepValues, [{ node: task.node, update: output.update }]));
  return { ...output, routes };
}

/** Stops at a breakpoint of the subgraph: the parent thread pauses until it is continued. */
async function stopAt(host: SubgraphHost, breakpoint: 'before' | 'after', step: number, values: Values, tasks: PlannedTask[]): Promise<void> {
  host.report({ step, values, tasks: tasks.map((t) => ({ node: t.node })), breakpoint });
  await host.breakpointReleased();
}

/** The step's state with its finished tasks' writes applied (what getState shows); writes that conflict are left out, as in a thread. */
function preview(graph: CompiledGraph, values: Values, tasks: PlannedTask[], finished: Array<NodeOutput | undefined>): Values {
  const writes = finished.flatMap((o, i) => (o ? [{ node: tasks[i].node, update: o.update }] : []));
  if (!writes.length) return values;
  try {
    return applyWrites(graph.spec, values, writes);
  } catch (err) {
    if (err instanceof DurableGraphError) return values;
    throw err;
  }
}
