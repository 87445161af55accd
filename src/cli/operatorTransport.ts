import type { Duration } from '@temporalio/common';
import type { AuditEntry } from '../client/auditLog';
import type { ThreadInfo } from '../client/graphClient';
import type { InvokeResult } from '../client/remoteGraph';
import { InvalidUpdateError, NothingToResumeError } from '../engine/errors';
import type { Identity } from '../engine/identity';
import type { CheckpointConfig, StateSnapshot, ThreadStatus } from '../runtime/protocol';

/**
 * A thread as the operator commands show it: the library's ThreadInfo without its task queue, which
 * the HTTP server does not tell (its threads are those of its own task queue), so that `--json`
 * prints the same document through either transport.
 */
export type OperatorThread = Omit<ThreadInfo, 'taskQueue'>;

/** Which threads `threads` lists. */
export interface ThreadFilter {
  graph?: string;
  status?: ThreadStatus;
  waitingLongerThan?: Duration;
}

/**
 * What the operator commands need from durable-graph, whoever carries it: Temporal directly (a
 * GraphClient, temporalTransport.ts) or, later, durable-graph's HTTP server. Threads are named by
 * id alone; the transport finds the graph that runs each one.
 */
export interface OperatorTransport {
  /** Who every request is sent as. */
  readonly identity: Identity;
  listThreads(filter: ThreadFilter): Promise<OperatorThread[]>;
  /** The thread (its graph, status, times), or undefined when it never ran. */
  findThread(threadId: string): Promise<OperatorThread | undefined>;
  /** The snapshot at the thread's head (an empty one for a thread that never ran, as getState gives). */
  getState(threadId: string): Promise<StateSnapshot>;
  /** Checkpoints newest first, at most `limit`. */
  getStateHistory(threadId: string, limit?: number): Promise<StateSnapshot[]>;
  /** Answers pending interrupts by id and waits until the thread pauses or finishes. */
  resume(threadId: string, answers: Record<string, unknown>): Promise<InvokeResult>;
  updateState(threadId: string, values: Record<string, unknown> | null, asNode?: string): Promise<CheckpointConfig>;
  auditLog(threadId: string): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

/**
 * A request for a thread that does not exist: nothing to resume (as the library says), or an update
 * the CLI cannot make, since it finds a thread's graph from the thread.
 */
export function missingThread(threadId: string, request: 'resume' | 'updateState'): Error {
  return request === 'resume'
    ? new NothingToResumeError(`Thread "${threadId}" does not exist; nothing to resume`)
    : new InvalidUpdateError(`Thread "${threadId}" does not exist; update-state changes a thread that has run (its graph is found from the thread)`);
}
