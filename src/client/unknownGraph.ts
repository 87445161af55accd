// A graph no worker serves: update-with-start creates the thread's workflow, whose first workflow
// task then fails on every retry (the worker's bundle exports no such function), so the update
// would wait forever. While the update waits, the thread handle watches the new workflow's first
// events for that failure.
import type { Client } from '@temporalio/client';

// The text @temporalio/workflow's worker-interface throws when the bundle lacks the workflow type
// ("no such function is exported by the workflow bundle", or an export that is not a function).
const NOT_IN_BUNDLE = /^Failed to initialize workflow of type '/;

/** When to look: a served graph's first workflow task completes in milliseconds, so the first look waits 1.5 s. */
const FIRST_LOOK_MS = 1_500;
const MAX_LOOK_INTERVAL_MS = 10_000;

/** What the first events of a run say about its graph. */
export type GraphVerdict = 'served' | 'not-in-bundle' | 'unknown-yet';

/** Why a new thread's graph is served by no worker. */
export type Unserved = { runId: string; why: 'not-in-bundle' | 'no-worker' };

/**
 * True when no worker has polled the task queue for workflow tasks lately. Temporal keeps a poller
 * listed for minutes after its last poll, so a worker that is restarting still counts.
 */
async function noWorkerPolls(client: Client, taskQueue: string): Promise<boolean> {
  const { pollers } = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
  });
  return (pollers ?? []).length === 0;
}

/** Reads the first events of the run: a completed workflow task means a worker serves the graph. */
export async function graphVerdict(client: Client, workflowId: string, runId: string): Promise<GraphVerdict> {
  const page = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId, runId },
    maximumPageSize: 20,
  });
  let verdict: GraphVerdict = 'unknown-yet';
  for (const event of page.history?.events ?? []) {
    if (event.workflowTaskCompletedEventAttributes) return 'served';
    const message = event.workflowTaskFailedEventAttributes?.failure?.message;
    if (message && NOT_IN_BUNDLE.test(message)) verdict = 'not-in-bundle';
  }
  return verdict;
}

/**
 * Resolves with the run id of the thread's running workflow once its workflow tasks are seen
 * failing because no worker's bundle has the graph, or no worker polls its task queue at all (and no
 * task ever completed); undefined when a task completed or `signal` aborts first. Watches by workflow id: update-with-start tells the run
 * id only when its request returns, which for an unserved graph is after the server's long poll.
 */
export async function watchForUnknownGraph(client: Client, workflowId: string, taskQueue: string, signal: AbortSignal): Promise<Unserved | undefined> {
  let wait = FIRST_LOOK_MS;
  let idleLooks = 0;
  while (!signal.aborted) {
    await abortableDelay(wait, signal);
    if (signal.aborted) return undefined;
    try {
      const run = await client.workflow.getHandle(workflowId).describe();
      // A closed run is an earlier one; the run this call started is the running one.
      if (run.status.name === 'RUNNING') {
        const verdict = await graphVerdict(client, workflowId, run.runId);
        if (verdict === 'served') return undefined;
        if (verdict === 'not-in-bundle') return { runId: run.runId, why: 'not-in-bundle' };
        // Twice in a row (1.5 s, then 4.5 s after the start): a worker that is just starting has polled by then.
        idleLooks = (await noWorkerPolls(client, taskQueue)) ? idleLooks + 1 : 0;
        if (idleLooks >= 2) return { runId: run.runId, why: 'no-worker' };
      }
    } catch {
      // Unreachable or not created yet: the update's own retries deal with the connection; look again later.
    }
    wait = Math.min(MAX_LOOK_INTERVAL_MS, wait * 2);
  }
  return undefined;
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
