// Runs one node of the step under way inside its own cancellation scope, with the node's retry
// policy, and reports what it did to the thread as transitions.
import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';
import { DurableGraphError } from '../engine/errors';
import { errorText } from '../engine/errorText';
import { ANONYMOUS } from '../engine/identity';
import { nodeOutput, type NodeOutput } from '../engine/nodeOutput';
import { routesOf } from '../engine/planner';
import { applyWrites } from '../engine/state';
import type { MessageMetadata } from '../engine/messageChunk';
import type { NodeContext } from '../engine/types';
import type { SubgraphHost } from '../engine/subgraphHost';
import { cloneData } from './core/cloneData';
import { recordEvent, records } from './core/eventLog';
import { isStartTask, liveTask, taskDone, taskFailed, taskPaused, triggersOf } from './core/steps';
import type { TaskRecord, ThreadState } from './core/data';
import type { ThreadView } from './core/view';
import { NodeInterrupt } from './interrupt';
import { retryDelay } from './nodeRetry';
import { subgraphHost } from './subgraphHost';
import { runAsTask, type TaskHost } from './taskContext';

/** What the task runner needs of the thread shell. */
export interface TaskRunnerHost extends TaskHost {
  readonly view: ThreadView;
  apply(next: ThreadState): void;
  now(): string;
}

/** Starts the node of a running task record inside `scope`, which cancels it. */
export function startNode(host: TaskRunnerHost, taskId: string, scope: CancellationScope): void {
  const task = liveTask(host.view.state, taskId)!;
  // A failure of ours inside is not caught here: the rejection fails the workflow task, as a bug should.
  void scope.run(() => runAsTask({ taskId, node: task.node, host }, () => runNode(host, taskId)));
}

async function runNode(host: TaskRunnerHost, taskId: string): Promise<void> {
  const record = liveTask(host.view.state, taskId)!;
  const spec = host.view.graph.def.nodes.get(record.node)!;
  const stepInput = host.view.state.flight!.input;
  const input = record.planned.push ? record.planned.arg : stepInput;
  // Built when a node first asks (most never do): a superstep's tasks are on the hot path.
  let metadata: MessageMetadata | undefined;
  let subgraphs: SubgraphHost | undefined;
  const messageMetadata = () => (metadata ??= messageMetadataOf(host.view.threadId, record));
  const ctx: NodeContext = {
    node: record.node,
    step: record.step,
    threadId: host.view.threadId,
    writer: (chunk) => host.apply(recordEvent(host.view.state, { mode: 'custom', chunk: cloneData(chunk) })),
    // Read when asked: a node that waited for an answer serves the request that brought it.
    get identity() {
      return cloneData(host.view.state.data.mailbox.active?.request.by ?? ANONYMOUS);
    },
    get subgraphHost() {
      return (subgraphs ??= subgraphHost(host, { taskId, node: record.node, host }));
    },
    get streamsMessages() {
      return records(host.view.state, 'messages');
    },
    get messageMetadata() {
      return messageMetadata();
    },
    // The whole reply, once: its tokens never pass through the workflow (readers take them from the
    // model activity's heartbeats), so history holds each reply once, in the activity's result.
    emitMessage: (message) => host.apply(recordEvent(host.view.state, { mode: 'messages', chunk: [message, messageMetadata()] })),
  };
  const graph = host.view.graph;
  /** The node's body, then its routers in the same task (interrupt() may pause either), as LangGraph. */
  const attempt = async (): Promise<{ output: NodeOutput } | { error: unknown }> => {
    let result: unknown;
    try {
      result = await spec.fn(cloneData(input), ctx);
    } catch (error) {
      return { error }; // whatever the user's node throws is the node's failure (or its NodeInterrupt)
    }
    try {
      const output = nodeOutput(record.node, result);
      const own = applyWrites(graph.spec, stepInput, [{ node: record.node, update: output.update }]);
      return { output: { ...output, routes: await routesOf(graph.def, record.node, own) } };
    } catch (error) {
      // A refusal of the graph's (a bad result, writes that do not merge, a router failing) or a
      // cancellation is the node's; anything else is a bug of ours and surfaces as one.
      if (error instanceof DurableGraphError || isCancellation(error)) return { error };
      throw error;
    }
  };
  for (let n = 1; ; n++) {
    const result = await attempt();
    if (!liveTask(host.view.state, taskId)) return; // dropped by updateState or a fork meanwhile
    if ('output' in result) {
      const done = taskDone(host.view.state, taskId, result.output);
      // Streamed as each node finishes, not when the step commits: a UI sees it while siblings still run or wait.
      host.apply(isStartTask(record.planned) ? done : recordEvent(done, { mode: 'updates', chunk: { [record.node]: result.output.update } }));
      return;
    }
    const err = result.error;
    if (err instanceof NodeInterrupt || (err as Error)?.name === 'NodeInterrupt') {
      host.apply(taskPaused(host.view.state, taskId, { value: (err as NodeInterrupt).value }));
      return;
    }
    const delay = isCancellation(err) ? undefined : retryDelay(spec.retryPolicy, n, err);
    if (delay === undefined) {
      host.apply(taskFailed(host.view.state, taskId, { code: 'NODE_FAILED', node: record.node, message: `Node "${record.node}" failed: ${errorText(err)}` }));
      return;
    }
    await sleep(delay);
  }
}

/** LangGraph's metadata of a task's `messages` events. */
function messageMetadataOf(threadId: string, record: TaskRecord): MessageMetadata {
  return {
    thread_id: threadId,
    langgraph_node: record.node,
    langgraph_step: record.step,
    langgraph_triggers: triggersOf(record.planned),
    langgraph_checkpoint_ns: `${record.node}:${record.id}`,
  };
}
