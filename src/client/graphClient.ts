import { Client, Connection, isGrpcServiceError, type WorkflowExecutionInfo } from '@temporalio/client';
import type { DataConverter, Duration } from '@temporalio/common';
import { NotAuthorizedError, UnavailableError, UnknownGraphError } from '../engine/errors';
import { ANONYMOUS, identityProblem, type Identity } from '../engine/identity';
import type { ThreadStatus } from '../runtime/protocol';
import { GRAPH_NAME, PENDING_INTERRUPTS, THREAD_STATUS, WAITING_SINCE } from '../runtime/protocol';
import { durationMsOf } from '../runtime/duration';
import { connectionSettingsFromEnv, type ConnectionSettings } from './connectionSettings';
import { dataConverterWithEncryption } from './encryptionSettings';
import { RemoteGraph } from './remoteGraph';
import { namespaceReadiness } from './namespaceCheck';
import { DEFAULT_MAX_REQUEST_BYTES } from './requestChecks';
import { connectionRetryInterceptor, DEFAULT_REQUEST_TIMEOUT_MS, isUnreachable } from './retry';
import { SeenInterrupts } from './seenInterrupts';
import { threadIdOf } from './threadId';
import { isNotFound, translateError } from './translateError';
import type { ThreadTransport } from './threadHandle';
import type { Values } from '../engine/state';

export interface GraphClientOptions extends Partial<ConnectionSettings> {
  /** Task queue the graph workers poll (default `durable-graph`). */
  taskQueue?: string;
  /** The graphs the workers serve; when given, `graph(name)` refuses others (UNKNOWN_GRAPH). */
  graphs?: string[];
  /** The largest request, in UTF-8 bytes of its JSON (default 512 KiB); a larger one is refused before sending (PAYLOAD_TOO_LARGE). */
  maxRequestBytes?: number;
  /**
   * How long a request keeps trying to reach Temporal, counted from its first failed attempt, before
   * it fails with UNAVAILABLE (default 60 s): milliseconds or a duration string such as `'30s'`.
   */
  requestTimeout?: Duration;
  /**
   * Who this client acts as: sent with every request, recorded with it, checked against
   * interrupts' approvers (default `{ id: 'anonymous' }`). Asserted by this process: see the
   * README's trust boundary.
   */
  identity?: Identity;
  /**
   * Temporal's data converter, e.g. `{ payloadCodecs: [createEncryptionCodec(...)] }`; payload codecs
   * given here replace DURABLE_GRAPH_ENCRYPTION_KEYS.
   */
  dataConverter?: DataConverter;
}

/** A thread as visibility lists it. */
export interface ThreadInfo {
  threadId: string;
  graph: string;
  /** The task queue its workers poll. */
  taskQueue: string;
  status: ThreadStatus;
  pendingInterrupts: number;
  /** When its oldest pending interrupt was raised. */
  waitingSince?: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** The client side of durable-graph: one Temporal connection, many graphs and threads. */
export class GraphClient {
  private constructor(
    readonly temporal: Client,
    private readonly connection: Connection,
    private readonly options: GraphClientOptions,
    private readonly transport: ThreadTransport,
  ) {}

  /** Connects to `address`, else TEMPORAL_ADDRESS (with its TLS / API key settings), else localhost:7233. */
  static async connect(options: GraphClientOptions = {}): Promise<GraphClient> {
    const env = connectionSettingsFromEnv();
    const settings = options.address ? options : (env ?? { address: 'localhost:7233' });
    const limits = limitsOf(options);
    const connection = await Connection.connect({
      address: settings.address,
      tls: settings.tls,
      apiKey: settings.apiKey,
      // An unreachable server is retried by the thread handle, within requestTimeout, not by gRPC.
      interceptors: [connectionRetryInterceptor()],
      // Reconnect within seconds once the server is back, however long it was gone.
      channelArgs: { 'grpc.max_reconnect_backoff_ms': 5_000 },
    }).catch((err: unknown) => {
      throw unreachableAtConnect(settings.address ?? 'localhost:7233', err);
    });
    const namespace = options.namespace ?? settings.namespace ?? 'default';
    const temporal = new Client({ connection, namespace, dataConverter: dataConverterWithEncryption(options.dataConverter) });
    const transport: ThreadTransport = {
      temporal,
      taskQueue: options.taskQueue ?? 'durable-graph',
      address: settings.address ?? 'localhost:7233',
      seen: new SeenInterrupts(),
      identity: checkedIdentity(options.identity ?? ANONYMOUS),
      namespaceReady: namespaceReadiness(connection, namespace),
      ...limits,
    };
    return new GraphClient(temporal, connection, options, transport);
  }

  /** A client acting as `identity` on the same connection (close either one to close it). */
  withIdentity(identity: Identity): GraphClient {
    // What this client last saw pending is its own: an answer is bound to what its sender saw.
    return new GraphClient(this.temporal, this.connection, this.options, { ...this.transport, identity: checkedIdentity(identity), seen: new SeenInterrupts() });
  }

  /** The task queue this client's threads are started on. */
  get taskQueue(): string {
    return this.transport.taskQueue;
  }

  /** Who this client acts as. */
  get identity(): Identity {
    return this.transport.identity;
  }

  graph<S extends Values = Values>(name: string): RemoteGraph<S> {
    if (this.options.graphs && !this.options.graphs.includes(name)) {
      throw new UnknownGraphError(`Unknown graph "${name}"; the workers serve ${this.options.graphs.join(', ')}`);
    }
    return new RemoteGraph<S>(this.transport, name);
  }

  /** Threads through Temporal visibility, e.g. every thread waiting for a human: `{ status: 'interrupted' }`. */
  async *listThreads(filter: { graph?: string; status?: ThreadStatus; pageSize?: number; waitingLongerThan?: Duration; taskQueue?: string } = {}): AsyncGenerator<ThreadInfo> {
    await this.transport.namespaceReady(); // the query names durable-graph's search attributes
    const clauses = [`${THREAD_STATUS.name} IS NOT NULL`];
    if (filter.graph) clauses.push(`${GRAPH_NAME.name} = '${filter.graph.replace(/'/g, "\\'")}'`);
    if (filter.taskQueue) clauses.push(`TaskQueue = '${filter.taskQueue.replace(/'/g, "\\'")}'`);
    if (filter.status) clauses.push(`${THREAD_STATUS.name} = '${filter.status}'`);
    if (filter.waitingLongerThan !== undefined) {
      clauses.push(`${WAITING_SINCE.name} < '${new Date(Date.now() - durationMsOf(filter.waitingLongerThan, 'waitingLongerThan')).toISOString()}'`);
    }
    const query = `${clauses.join(' AND ')} AND ExecutionStatus = 'Running'`;
    for await (const wf of this.temporal.workflow.list({ query, pageSize: filter.pageSize })) yield threadInfoOf(wf);
  }

  /**
   * One thread as visibility describes it; undefined when it has no workflow, or its workflow was
   * terminated (deleteThread terminates before deleting). A thread closed by `idleTtl` is found.
   */
  async findThread(threadId: string): Promise<ThreadInfo | undefined> {
    threadIdOf({ configurable: { thread_id: threadId } });
    try {
      const wf = await this.temporal.workflow.getHandle(threadId).describe();
      // The latest run: TERMINATED after deleteThread; CONTINUED_AS_NEW when the run after it is deleted.
      if (wf.status.name === 'TERMINATED' || wf.status.name === 'CONTINUED_AS_NEW') return undefined;
      return threadInfoOf(wf);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw translateError(err);
    }
  }

  /**
   * Deletes a thread: terminates its workflow (noting who asked) and deletes its latest run from
   * Temporal, history and audit log included. Returns false when there was no such thread.
   */
  async deleteThread(threadId: string): Promise<boolean> {
    if (!(await this.findThread(threadId))) return false;
    const handle = this.temporal.workflow.getHandle(threadId);
    await handle.terminate(`durable-graph: thread deleted by ${this.identity.id}`).catch((err: unknown) => {
      if (!isNotFound(err) && !(err as { message?: string }).message?.includes('already completed')) throw translateError(err);
    });
    await this.temporal.workflowService.deleteWorkflowExecution({ namespace: this.temporal.options.namespace, workflowExecution: { workflowId: threadId } });
    return true;
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

/**
 * A first connection that found nobody answering is UNAVAILABLE, like a request that could not reach
 * Temporal; any other failure (a refused API key, a TLS mismatch) stays as the SDK reports it.
 */
function unreachableAtConnect(address: string, err: unknown): unknown {
  // grpc-js gives up waiting for the channel with a plain Error of this message (no status code).
  const gaveUp = err instanceof Error && !isGrpcServiceError(err) && /Failed to connect before the deadline/.test(err.message);
  if (!gaveUp && !isUnreachable(err)) return err;
  return new UnavailableError(
    `Temporal at ${address} could not be reached (${(err as Error).message}). Is it running? Set TEMPORAL_ADDRESS to where it listens`,
    { cause: err },
  );
}

function threadInfoOf(wf: Omit<WorkflowExecutionInfo, 'raw'>): ThreadInfo {
  const attrs = wf.typedSearchAttributes;
  return {
    threadId: wf.workflowId,
    graph: attrs.get(GRAPH_NAME) ?? wf.type,
    taskQueue: wf.taskQueue,
    status: (attrs.get(THREAD_STATUS) ?? 'idle') as ThreadStatus,
    pendingInterrupts: attrs.get(PENDING_INTERRUPTS) ?? 0,
    ...(attrs.get(WAITING_SINCE) ? { waitingSince: attrs.get(WAITING_SINCE) } : {}),
    createdAt: wf.startTime,
    updatedAt: wf.executionTime ?? wf.startTime,
  };
}

function checkedIdentity(identity: Identity): Identity {
  const problem = identityProblem(identity);
  if (problem) throw new NotAuthorizedError(`Cannot act as ${JSON.stringify(identity)}: ${problem}`);
  return { ...identity, ...(identity.roles ? { roles: [...identity.roles] } : {}) };
}

function limitsOf(options: GraphClientOptions): Pick<ThreadTransport, 'maxRequestBytes' | 'requestTimeoutMs'> {
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  if (!Number.isSafeInteger(maxRequestBytes) || maxRequestBytes <= 0) {
    throw new TypeError(`maxRequestBytes must be a positive whole number of bytes, got ${String(options.maxRequestBytes)}`);
  }
  const requestTimeoutMs = options.requestTimeout === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : durationMsOf(options.requestTimeout, 'requestTimeout');
  return { maxRequestBytes, requestTimeoutMs };
}
