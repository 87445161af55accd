import { randomUUID } from 'node:crypto';
import { Client, WithStartWorkflowOperation, WorkflowHandle } from '@temporalio/client';
import { isCommand, type Command } from '../engine/command';
import { INTERRUPT } from '../engine/constants';
import { errorFromCode, MissingThreadIdError, NothingToResumeError } from '../engine/errors';
import type { Values } from '../engine/state';
import {
  awaitRequestUpdate,
  CallOptions,
  CheckpointConfig,
  emptySnapshot,
  getStateHistoryQuery,
  getStateQuery,
  Interrupt,
  RequestOutcome,
  runUpdate,
  StateSnapshot,
  StreamMode,
  ThreadRequest,
  updateStateUpdate,
} from '../runtime/protocol';
import type { GraphConfig } from './config';
import { isNotFound, translateError } from './translateError';

/** What invoke returns: the state values, plus `__interrupt__` while the thread is paused. */
export type InvokeResult<S = Values> = S & { [INTERRUPT]?: Interrupt[] };

function threadIdOf(config: GraphConfig | undefined): string {
  const id = config?.configurable?.thread_id;
  if (typeof id !== 'string' || !id) {
    throw new MissingThreadIdError('A thread_id is required: pass { configurable: { thread_id: "..." } }');
  }
  return id;
}

function callOptions(config: GraphConfig): CallOptions {
  const { recursionLimit, interruptBefore, interruptAfter, multitaskStrategy, streamMode } = config;
  return {
    recursionLimit,
    interruptBefore,
    interruptAfter,
    multitaskStrategy,
    checkpointId: config.configurable.checkpoint_id,
    streamMode: streamMode === undefined ? undefined : Array.isArray(streamMode) ? streamMode : [streamMode],
  };
}

/** A graph served by workers, driven from outside: the client side of a thread. */
export class RemoteGraph<S extends Values = Values> {
  constructor(
    private readonly client: Client,
    readonly name: string,
    private readonly taskQueue: string,
  ) {}

  private handle(threadId: string): WorkflowHandle {
    return this.client.workflow.getHandle(threadId);
  }

  /** Sends a request and waits for the thread to pause or finish, following it across continue-as-new. */
  private async send(threadId: string, request: ThreadRequest, start: boolean): Promise<RequestOutcome> {
    let outcome: RequestOutcome;
    try {
      if (start) {
        outcome = await this.client.workflow.executeUpdateWithStart(runUpdate, {
          args: [request as Extract<ThreadRequest, { kind: 'run' }>],
          updateId: request.requestId,
          startWorkflowOperation: new WithStartWorkflowOperation(this.name, {
            workflowId: threadId,
            taskQueue: this.taskQueue,
            workflowIdConflictPolicy: 'USE_EXISTING',
            args: [{}],
          }),
        });
      } else if (request.kind === 'run') {
        outcome = await this.handle(threadId).executeUpdate(runUpdate, { args: [request], updateId: request.requestId });
      } else {
        outcome = await this.handle(threadId).executeUpdate(updateStateUpdate, { args: [request], updateId: request.requestId });
      }
      while (outcome.continued) {
        outcome = await this.handle(threadId).executeUpdate(awaitRequestUpdate, { args: [request.requestId] });
      }
    } catch (err) {
      if (!start && isNotFound(err)) {
        throw new NothingToResumeError(`Thread "${threadId}" does not exist; invoke it with input first`, { cause: err });
      }
      throw translateError(err);
    }
    if (outcome.error) throw errorFromCode(outcome.error.code, outcome.error.message);
    return outcome;
  }

  private async run(input: Values | Command | null, config: GraphConfig): Promise<RequestOutcome> {
    const threadId = threadIdOf(config);
    const request: ThreadRequest = {
      kind: 'run',
      requestId: randomUUID(),
      graph: this.name,
      input: input as Values | null,
      options: callOptions(config),
    };
    return this.send(threadId, request, input !== null && !isCommand(input));
  }

  /**
   * Runs the thread with new input, a Command (resume / update / goto) or null (continue), and
   * returns when it has paused or finished. Starts the thread's workflow when needed.
   */
  async invoke(input: Partial<S> | Command | null, config: GraphConfig): Promise<InvokeResult<S>> {
    const outcome = await this.run(input as Values | Command | null, { ...config, streamMode: undefined });
    return resultOf<S>(outcome);
  }

  /**
   * Like invoke, yielding the run's `updates` / `values` / `custom` / `debug` events and an
   * `__interrupt__` chunk at a pause. Events arrive when the thread pauses or finishes.
   */
  async *stream(input: Partial<S> | Command | null, config: GraphConfig): AsyncGenerator<unknown> {
    const modes: StreamMode[] = config.streamMode === undefined ? ['updates'] : Array.isArray(config.streamMode) ? config.streamMode : [config.streamMode];
    const outcome = await this.run(input as Values | Command | null, { ...config, streamMode: modes });
    const tag = (mode: StreamMode, chunk: unknown) => (modes.length > 1 ? [mode, chunk] : chunk);
    for (const event of outcome.events ?? []) if (modes.includes(event.mode)) yield tag(event.mode, event.chunk);
    if (outcome.interrupts) {
      const mode = modes.includes('updates') ? 'updates' : modes[0];
      yield tag(mode, { [INTERRUPT]: outcome.interrupts });
    }
  }

  /** Applies values through the reducers as if `asNode` wrote them; runs nothing. Returns the new checkpoint's config. */
  async updateState(config: GraphConfig, values: Partial<S> | null, options: { asNode?: string } = {}): Promise<CheckpointConfig> {
    const threadId = threadIdOf(config);
    const outcome = await this.send(
      threadId,
      {
        kind: 'updateState',
        requestId: randomUUID(),
        graph: this.name,
        values: values as Values | null,
        asNode: options.asNode,
        options: { multitaskStrategy: config.multitaskStrategy, checkpointId: config.configurable.checkpoint_id },
      },
      false,
    );
    return outcome.config!;
  }

  /** The thread's snapshot at its head, or at `configurable.checkpoint_id`. An unknown thread gives an empty one. */
  async getState(config: GraphConfig): Promise<StateSnapshot> {
    const threadId = threadIdOf(config);
    try {
      return await this.handle(threadId).query(getStateQuery, { checkpointId: config.configurable.checkpoint_id });
    } catch (err) {
      if (isNotFound(err)) return emptySnapshot(threadId);
      throw translateError(err);
    }
  }

  /** Checkpoints newest first. */
  async getStateHistory(config: GraphConfig, options: { limit?: number } = {}): Promise<StateSnapshot[]> {
    const threadId = threadIdOf(config);
    try {
      return await this.handle(threadId).query(getStateHistoryQuery, options);
    } catch (err) {
      if (isNotFound(err)) return [];
      throw translateError(err);
    }
  }
}

function resultOf<S>(outcome: RequestOutcome): InvokeResult<S> {
  const values = outcome.values as InvokeResult<S>;
  return outcome.interrupts ? { ...values, [INTERRUPT]: outcome.interrupts } : values;
}
