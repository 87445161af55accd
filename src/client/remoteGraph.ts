import { randomUUID } from 'node:crypto';
import { isCommand, type Command } from '../engine/command';
import { INTERRUPT } from '../engine/constants';
import type { Values } from '../engine/state';
import type { CallOptions, CheckpointConfig, HistoryQuery, Interrupt, RequestOutcome, StateSnapshot, StreamMode } from '../runtime/protocol';
import type { GraphConfig } from './config';
import { bindResume } from './bindResume';
import { checkRootConfig, runInputOf, updateValuesOf } from './requestChecks';
import { ThreadHandle, type ThreadTransport } from './threadHandle';
import { threadIdOf } from './threadId';

/** What invoke returns: the state values, plus `__interrupt__` while the thread is paused. */
export type InvokeResult<S = Values> = S & { [INTERRUPT]?: Interrupt[] };

/**
 * A graph served by workers, driven from outside with LangGraph's methods. It checks the config and
 * builds each request; the thread handle carries it to the thread's workflow.
 */
export class RemoteGraph<S extends Values = Values> {
  constructor(
    private readonly transport: ThreadTransport,
    readonly name: string,
  ) {}

  /**
   * Runs the thread with new input, a Command (resume / update / goto) or null (continue), and
   * returns when it has paused or finished. Starts the thread's workflow when needed.
   */
  async invoke(input: Partial<S> | Command | null, config: GraphConfig): Promise<InvokeResult<S>> {
    const { thread, outcome } = await this.run(input, { ...config, streamMode: undefined });
    return resultOf<S>(await valuesOf(thread, outcome), outcome);
  }

  /**
   * Like invoke, yielding the run's `updates` / `values` / `custom` / `debug` events and an
   * `__interrupt__` chunk at a pause. Events arrive when the thread pauses or finishes.
   */
  async *stream(input: Partial<S> | Command | null, config: GraphConfig): AsyncGenerator<unknown> {
    const modes: StreamMode[] = config.streamMode === undefined ? ['updates'] : Array.isArray(config.streamMode) ? config.streamMode : [config.streamMode];
    const { outcome } = await this.run(input, { ...config, streamMode: modes });
    const tag = (mode: StreamMode, chunk: unknown) => (modes.length > 1 ? [mode, chunk] : chunk);
    for (const event of outcome.events ?? []) if (modes.includes(event.mode)) yield tag(event.mode, event.chunk);
    // As LangGraph.js: the pause shows under `updates` and under `values`, never in the other modes.
    if (outcome.interrupts) {
      for (const mode of modes) if (mode === 'updates' || mode === 'values') yield tag(mode, { [INTERRUPT]: outcome.interrupts });
    }
  }

  /** Applies values through the reducers as if `asNode` wrote them; runs nothing. Returns the new checkpoint's config. */
  async updateState(config: GraphConfig, values: Partial<S> | null, options: { asNode?: string } = {}): Promise<CheckpointConfig> {
    const thread = this.thread(config);
    const outcome = await thread.send({
      kind: 'updateState',
      requestId: randomUUID(),
      graph: this.name,
      values: updateValuesOf(values),
      asNode: options.asNode,
      options: { multitaskStrategy: config.multitaskStrategy, checkpointId: config.configurable.checkpoint_id },
    }, { start: true }); // on a thread that never ran, updateState seeds it (as in LangGraph)
    return outcome.config!;
  }

  /**
   * The thread's snapshot at its head, or at `configurable.checkpoint_id`. An unknown thread gives an
   * empty one. With `subgraphs`, a task running a subgraph carries the subgraph's snapshot (`state`).
   */
  async getState(config: GraphConfig, options: { subgraphs?: boolean } = {}): Promise<StateSnapshot> {
    return this.thread(config).getState(config.configurable.checkpoint_id, options.subgraphs);
  }

  /** Checkpoints newest first: at most `limit`, older than the checkpoint id `before` (the next page). */
  async getStateHistory(config: GraphConfig, options: HistoryQuery = {}): Promise<StateSnapshot[]> {
    const thread = this.thread(config);
    const history: StateSnapshot[] = [];
    // The thread answers in pages bounded by bytes; ask on until `limit` is reached or nothing is left.
    for (let before = options.before; options.limit === undefined || history.length < options.limit; ) {
      const page = await thread.getStateHistory({ before, ...(options.limit === undefined ? {} : { limit: options.limit - history.length }) });
      history.push(...page);
      if (page.length === 0) break;
      before = page[page.length - 1].config.configurable.checkpoint_id;
    }
    return history;
  }

  private thread(config: GraphConfig): ThreadHandle {
    checkRootConfig(config);
    return new ThreadHandle(this.transport, threadIdOf(config));
  }

  private async run(input: Partial<S> | Command | null, config: GraphConfig): Promise<{ thread: ThreadHandle; outcome: RequestOutcome }> {
    const thread = this.thread(config);
    const checked = runInputOf(input);
    // With a past checkpoint the answer is for the fork's first interrupt, which does not exist yet.
    const sent = config.configurable.checkpoint_id ? checked : await bindResume(checked, thread.threadId, () => thread.pendingInterruptIds());
    const outcome = await thread.send(
      { kind: 'run', requestId: randomUUID(), graph: this.name, input: sent, options: callOptions(config) },
      { start: sent !== null && !isCommand(sent) },
    );
    return { thread, outcome };
  }
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

/** The outcome's values, read back with getState when the thread left them out for size. */
async function valuesOf(thread: ThreadHandle, outcome: RequestOutcome): Promise<Values> {
  return outcome.valuesOmitted ? (await thread.getState()).values : outcome.values;
}

function resultOf<S>(values: Values, outcome: RequestOutcome): InvokeResult<S> {
  return (outcome.interrupts ? { ...values, [INTERRUPT]: outcome.interrupts } : values) as InvokeResult<S>;
}
