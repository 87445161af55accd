import { Client, Connection } from '@temporalio/client';
import { UnknownGraphError } from '../engine/errors';
import type { ThreadStatus } from '../runtime/protocol';
import { GRAPH_NAME, PENDING_INTERRUPTS, THREAD_STATUS } from '../runtime/searchAttributes';
import { connectionSettingsFromEnv, type ConnectionSettings } from './connectionSettings';
import { RemoteGraph } from './remoteGraph';
import type { Values } from '../engine/state';

export interface GraphClientOptions extends Partial<ConnectionSettings> {
  /** Task queue the graph workers poll (default `durable-graph`). */
  taskQueue?: string;
  /** The graphs the workers serve; when given, `graph(name)` refuses others (UNKNOWN_GRAPH). */
  graphs?: string[];
}

/** A thread as visibility lists it. */
export interface ThreadInfo {
  threadId: string;
  graph: string;
  status: ThreadStatus;
  pendingInterrupts: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The client side of durable-graph: one Temporal connection, many graphs and threads. */
export class GraphClient {
  private constructor(
    readonly temporal: Client,
    private readonly connection: Connection,
    private readonly options: GraphClientOptions,
  ) {}

  /** Connects to `address`, else TEMPORAL_ADDRESS (with its TLS / API key settings), else localhost:7233. */
  static async connect(options: GraphClientOptions = {}): Promise<GraphClient> {
    const env = connectionSettingsFromEnv();
    const settings = options.address ? options : (env ?? { address: 'localhost:7233' });
    const connection = await Connection.connect({ address: settings.address, tls: settings.tls, apiKey: settings.apiKey });
    const namespace = options.namespace ?? settings.namespace ?? 'default';
    return new GraphClient(new Client({ connection, namespace }), connection, options);
  }

  graph<S extends Values = Values>(name: string): RemoteGraph<S> {
    if (this.options.graphs && !this.options.graphs.includes(name)) {
      throw new UnknownGraphError(`Unknown graph "${name}"; the workers serve ${this.options.graphs.join(', ')}`);
    }
    return new RemoteGraph<S>(this.temporal, name, this.options.taskQueue ?? 'durable-graph');
  }

  /** Threads through Temporal visibility, e.g. every thread waiting for a human: `{ status: 'interrupted' }`. */
  async *listThreads(filter: { graph?: string; status?: ThreadStatus; pageSize?: number } = {}): AsyncGenerator<ThreadInfo> {
    const clauses = [`${THREAD_STATUS.name} IS NOT NULL`];
    if (filter.graph) clauses.push(`${GRAPH_NAME.name} = '${filter.graph.replace(/'/g, "\\'")}'`);
    if (filter.status) clauses.push(`${THREAD_STATUS.name} = '${filter.status}'`);
    const query = `${clauses.join(' AND ')} AND ExecutionStatus = 'Running'`;
    for await (const wf of this.temporal.workflow.list({ query, pageSize: filter.pageSize })) {
      const attrs = wf.typedSearchAttributes;
      yield {
        threadId: wf.workflowId,
        graph: attrs.get(GRAPH_NAME) ?? wf.type,
        status: (attrs.get(THREAD_STATUS) ?? 'idle') as ThreadStatus,
        pendingInterrupts: attrs.get(PENDING_INTERRUPTS) ?? 0,
        createdAt: wf.startTime,
        updatedAt: wf.executionTime ?? wf.startTime,
      };
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
