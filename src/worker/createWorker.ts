import type { DataConverter } from '@temporalio/common';
import { bundleWorkflowCode, NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { ConnectionSettings } from '../client/connectionSettings';
import { dataConverterWithEncryption } from '../client/encryptionSettings';

export interface CreateWorkerOptions {
  connection: ConnectionSettings | NativeConnection;
  taskQueue?: string;
  /** Module exporting the graph workflows; bundled here. */
  workflowsPath?: string;
  /** A bundle made earlier with `bundleWorkflows` (saves seconds per worker in tests). */
  workflowBundle?: WorkerOptions['workflowBundle'];
  activities?: object;
  /**
   * Temporal's data converter, e.g. `{ payloadCodecs: [createEncryptionCodec(...)] }`; payload codecs
   * given here replace DURABLE_GRAPH_ENCRYPTION_KEYS. Codecs run in the worker's main thread, outside
   * the workflow sandbox.
   */
  dataConverter?: DataConverter;
  /** Passed through to Temporal's Worker.create. */
  workerOptions?: Partial<WorkerOptions>;
}

/** Bundles a workflows module once, for several workers. */
export async function bundleWorkflows(workflowsPath: string): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
}

// webpack's info lines would drown the main job's screen; warnings and errors still show.
const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

/** Connects (unless given a connection) and creates a Worker for durable-graph's task queue. */
export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const connection =
    options.connection instanceof NativeConnection
      ? options.connection
      : await NativeConnection.connect({
          address: options.connection.address,
          tls: options.connection.tls,
          apiKey: options.connection.apiKey,
        });
  const namespace = options.connection instanceof NativeConnection ? undefined : options.connection.namespace;
  const workflowBundle =
    options.workflowBundle ?? (options.workflowsPath ? await bundleWorkflows(options.workflowsPath) : undefined);
  if (!workflowBundle) throw new Error('createWorker needs workflowsPath or workflowBundle');
  return Worker.create({
    connection,
    namespace,
    taskQueue: options.taskQueue ?? 'durable-graph',
    workflowBundle,
    activities: options.activities,
    dataConverter: dataConverterWithEncryption(options.dataConverter),
    ...options.workerOptions,
  });
}
