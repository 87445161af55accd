// durable-graph's snapshots in the Agent Server's JSON shapes (snake_case, LangGraph's names), all
// derived from the thread's workflow: nothing here is stored by the server.
import type { CheckpointConfig, PendingInterruptInfo, StateSnapshot, TaskSnapshot, ThreadStatus } from '../runtime/protocol';

/** The Agent Server's thread statuses: durable-graph's `running` is its `busy`. */
export type HttpThreadStatus = 'idle' | 'busy' | 'interrupted' | 'error';

export function httpStatusOf(status: ThreadStatus): HttpThreadStatus {
  return status === 'running' ? 'busy' : status;
}

export function threadStatusOf(status: HttpThreadStatus): ThreadStatus {
  return status === 'busy' ? 'running' : status;
}

/**
 * A thread's metadata: what its workflow says (the graph it runs, which is also its assistant).
 * The server keeps no metadata of its own (see the README, "HTTP server").
 */
export function threadMetadata(graph: string): { graph_id: string; assistant_id: string } {
  return { graph_id: graph, assistant_id: graph };
}

/** `GET /threads/{id}` and each result of `POST /threads/search`. */
export function threadView(threadId: string, graph: string, createdAt: Date, state: StateSnapshot) {
  return {
    thread_id: threadId,
    created_at: createdAt.toISOString(),
    updated_at: state.createdAt || createdAt.toISOString(),
    metadata: threadMetadata(graph),
    status: httpStatusOf(state.status),
    values: state.values,
    interrupts: interruptsByTask(state.tasks),
    config: { configurable: { thread_id: threadId } },
  };
}

/** LangGraph's `interrupts` of a thread: task id → the task's pending interrupts. */
function interruptsByTask(tasks: TaskSnapshot[]): Record<string, PendingInterruptInfo[]> {
  return Object.fromEntries(tasks.filter((t) => t.interrupts.length > 0).map((t) => [t.id, t.interrupts]));
}

export function checkpointView(config: CheckpointConfig) {
  const { thread_id, checkpoint_id, checkpoint_ns } = config.configurable;
  return { thread_id, checkpoint_ns: checkpoint_ns ?? '', checkpoint_id };
}

/** `GET /threads/{id}/state`: LangGraph's ThreadState. */
export function stateView(state: StateSnapshot): Record<string, unknown> {
  return {
    values: state.values,
    next: state.next,
    tasks: state.tasks.map((t) => ({
      id: t.id,
      name: t.name,
      interrupts: t.interrupts,
      error: t.error ? `${t.error.code}: ${t.error.message}` : null,
      checkpoint: null,
      state: t.state ? stateView(t.state) : null,
      ...(t.result === undefined ? {} : { result: t.result }),
    })),
    interrupts: state.interrupts,
    metadata: state.metadata,
    created_at: state.createdAt || null,
    checkpoint: checkpointView(state.config),
    parent_checkpoint: state.parentConfig ? checkpointView(state.parentConfig) : null,
  };
}

/** A run's status as the Agent Server reports it: a run that stopped at an interrupt succeeded. */
export type RunStatus = 'pending' | 'running' | 'success' | 'error';

/** `GET /threads/{id}/runs/{run_id}` and the answer to run creation. */
export function runView(run: { runId: string; threadId: string; graph: string; createdAt: string; updatedAt?: string; status: RunStatus; multitaskStrategy?: string }) {
  return {
    run_id: run.runId,
    thread_id: run.threadId,
    assistant_id: run.graph,
    created_at: run.createdAt,
    updated_at: run.updatedAt ?? run.createdAt,
    status: run.status,
    metadata: threadMetadata(run.graph),
    multitask_strategy: run.multitaskStrategy ?? 'reject',
    kwargs: {},
  };
}
