/** The task queue of the shipped graphs' workers, and so of the threads the CLI starts: DURABLE_GRAPH_TASK_QUEUE, else durable-graph. */
export const TASK_QUEUE = process.env.DURABLE_GRAPH_TASK_QUEUE ?? 'durable-graph';
