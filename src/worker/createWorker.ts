import type { DataConverter } from '@temporalio/common';
import { bundleWorkflowCode, NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { ConnectionSettings } from '../client/connectionSettings';
import { checkNamespace } from '../client/namespaceSetup';
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

/**
 * durable-graph's own workflow-side modules, loaded once per workflow thread and shared by every
 * workflow in it (Temporal's `preloadModules`). Without this, the SDK evaluates every module of the
 * bundle again for each workflow it creates or replays, so each cached thread held its own copy of
 * the whole engine. They are safe to share: they keep no state of their own at module level (a
 * thread's state lives in its Thread object; the task context is an AsyncLocalStorage, which the SDK
 * supports in shared modules, kept module-private because the SDK deep-freezes what shared modules
 * export), and their module scope calls nothing that needs a running workflow.
 * The user's own workflows module is still evaluated per workflow, as in any Temporal worker.
 */
const SHARED_MODULES = [
  '../runtime/graphWorkflow',
  '../runtime/interrupt',
  '../graph/stateGraph',
  '../graph/annotation',
  '../engine/command',
  '../engine/errors',
  '../engine/constants',
].map((path) => require.resolve(path));

/** Bundles a workflows module once, for several workers. */
export async function bundleWorkflows(workflowsPath: string): Promise<{ code: string }> {
  return bundleWorkflowCode({
    workflowsPath,
    logger: quietBundlerLogger,
    preloadModules: SHARED_MODULES,
    // The package declares `sideEffects: false`, so webpack would drop the preload's bare require();
    // flagging these modules keeps it (tree-shaking of everything else is unchanged).
    webpackConfigHook: (config) => ({ ...config, module: { ...config.module, rules: [...(config.module?.rules ?? []), { test: SHARED_MODULES, sideEffects: true }] } }),
  });
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

/**
 * Connects (unless given a connection) and creates a Worker for durable-graph's task queue. Throws
 * NamespaceNotSetUpError when the namespace lacks durable-graph's search attributes.
 */
export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const connection =
    options.connection instanceof NativeConnection
      ? options.connection
      : await NativeConnection.connect({
          address: options.connection.address,
          tls: options.connection.tls,
          apiKey: options.connection.apiKey,
        });
  const namespace =
    options.workerOptions?.namespace ?? (options.connection instanceof NativeConnection ? undefined : options.connection.namespace) ?? 'default';
  try {
    // Fail fast: without the search attributes every workflow task this worker runs would fail and be retried.
    await checkNamespace(connection, namespace);
  } catch (err) {
    if (connection !== options.connection) await connection.close();
    throw err;
  }
  const workflowBundle =
    options.workflowBundle ?? (options.workflowsPath ? await bundleWorkflows(options.workflowsPath) : undefined);
  if (!workflowBundle) throw new Error('createWorker needs workflowsPath or workflowBundle');
  return Worker.create({
    connection,
    namespace,
    taskQueue: options.taskQueue ?? 'durable-graph',
    workflowBundle,
    activities: options.activities,
    // A streaming model call heartbeats its text so far, and `messages` readers see tokens only as
    // often as a heartbeat reaches Temporal: the defaults (30 s, 60 s at most) would show a reply in
    // one piece. 200 ms keeps tokens flowing at a few heartbeat calls a second per streaming activity.
    maxHeartbeatThrottleInterval: '200 ms',
    defaultHeartbeatThrottleInterval: '200 ms',
    dataConverter: dataConverterWithEncryption(options.dataConverter),
    ...options.workerOptions,
  });
}
