import type { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import * as shippedWorkflows from '../../workflows';
import type { LlmConfig } from '../llm/settings';
import type { ConnectionSettings } from '../client/connectionSettings';
import { createWorker } from '../worker/createWorker';

import { TASK_QUEUE } from './taskQueue';

export { TASK_QUEUE };

/** The shipped graphs' names (= their workflow types): each export of workflows/. */
export const SHIPPED_GRAPHS: string[] = Object.keys(shippedWorkflows);

export interface RunningWorker {
  worker: Worker;
  /** Shuts the worker down and resolves when it has drained. */
  stop(): Promise<void>;
}

/** A worker serving the shipped graphs (workflows/) with the shipped activities (activities/). */
export async function startShippedWorker(connection: ConnectionSettings, llm: LlmConfig = {}): Promise<RunningWorker> {
  const worker = await createWorker({
    connection,
    taskQueue: TASK_QUEUE,
    workflowsPath: require.resolve('../../workflows'),
    activities: createActivities({ llm }),
  });
  const running = worker.run();
  return {
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
