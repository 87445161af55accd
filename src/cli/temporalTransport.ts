import { connectionSettingsFromEnv } from '../client/connectionSettings';
import { GraphClient, type ThreadInfo } from '../client/graphClient';
import type { RemoteGraph } from '../client/remoteGraph';
import { Command } from '../engine/command';
import type { Identity } from '../engine/identity';
import { persistentPort } from '../server/resolveTemporal';
import { missingThread, type OperatorThread, type OperatorTransport, type ThreadFilter } from './operatorTransport';
import { TASK_QUEUE } from './taskQueue';

const config = (threadId: string) => ({ configurable: { thread_id: threadId } });

/**
 * The operator commands over Temporal: TEMPORAL_ADDRESS (with its namespace, TLS and API key), else
 * the embedded server the main job runs (127.0.0.1, DURABLE_GRAPH_PORT or 7233).
 */
export async function connectTemporalTransport(identity: Identity | undefined, env: NodeJS.ProcessEnv = process.env): Promise<OperatorTransport> {
  const where = connectionSettingsFromEnv(env) ? {} : { address: `127.0.0.1:${persistentPort(env)}` };
  // The task queue matters only when update-state finds the thread's workflow closed and starts its next run.
  return new TemporalTransport(await GraphClient.connect({ ...where, identity, taskQueue: TASK_QUEUE }));
}

/** A GraphClient behind the operator commands' interface; the graph of a thread comes from its search attributes. */
class TemporalTransport implements OperatorTransport {
  constructor(private readonly client: GraphClient) {}

  get identity(): Identity {
    return this.client.identity;
  }

  async listThreads(filter: ThreadFilter): Promise<OperatorThread[]> {
    const threads: OperatorThread[] = [];
    for await (const thread of this.client.listThreads(filter)) threads.push(operatorThread(thread));
    return threads;
  }

  async findThread(threadId: string): Promise<OperatorThread | undefined> {
    const thread = await this.client.findThread(threadId);
    return thread && operatorThread(thread);
  }

  // Reading a thread needs no graph name (the thread answers whatever graph it runs): any will do.
  getState(threadId: string) {
    return this.client.graph('').getState(config(threadId));
  }

  getStateHistory(threadId: string, limit?: number) {
    return this.client.graph('').getStateHistory(config(threadId), { limit });
  }

  auditLog(threadId: string) {
    return this.client.graph('').getAuditLog(config(threadId));
  }

  async resume(threadId: string, answers: Record<string, unknown>) {
    const graph = await this.graphOf(threadId, 'resume');
    return graph.invoke(new Command({ resume: answers }), config(threadId));
  }

  async updateState(threadId: string, values: Record<string, unknown> | null, asNode?: string) {
    const graph = await this.graphOf(threadId, 'updateState');
    return graph.updateState(config(threadId), values, { asNode });
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async graphOf(threadId: string, request: 'resume' | 'updateState'): Promise<RemoteGraph> {
    const thread = await this.client.findThread(threadId);
    if (!thread) throw missingThread(threadId, request);
    return this.client.graph(thread.graph);
  }
}

function operatorThread({ taskQueue: _taskQueue, ...thread }: ThreadInfo): OperatorThread {
  return thread;
}
