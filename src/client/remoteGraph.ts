import { randomUUID } from 'node:crypto';
import { isCommand, type Command } from '../engine/command';
import { INTERRUPT } from '../engine/constants';
import type { Values } from '../engine/state';
import { errorFromCode, InvalidCommandError } from '../engine/errors';
import { STREAM_MODES, type CallOptions, type CheckpointConfig, type HistoryQuery, type Interrupt, type RequestOutcome, type StateSnapshot, type StreamEventRecord, type StreamMode } from '../runtime/protocol';
import type { AuditEntry } from './auditLog';
import { readEvents } from './eventReader';
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
   * Sends a run (as invoke does) and returns as soon as the thread has accepted it: a refusal
   * throws here, and `result` settles as invoke's would. With `streamMode`, the run records its
   * events for readers (joinStream with the request id).
   */
  async submit(input: Partial<S> | Command | null, config: GraphConfig): Promise<SubmittedRun<S>> {
    const requestId = config.requestId ?? randomUUID();
    let accepted!: () => void;
    const admitted = new Promise<void>((resolve) => (accepted = resolve));
    const sent = this.run(input, { ...config, streamMode: streamModes(config.streamMode) }, requestId, accepted);
    const result = sent.then(async ({ thread, outcome }) => resultOf<S>(await valuesOf(thread, outcome), outcome));
    await Promise.race([admitted, sent]); // a refusal rejects `sent` before anything is accepted
    result.catch(() => undefined); // the caller may never read it (a background run); not an unhandled rejection
    return { requestId, result };
  }

  /**
   * The result of an earlier run of this thread, by its request id, once it has paused or finished;
   * undefined when the thread has no record of the request (it never arrived, or the thread no
   * longer keeps outcomes that old: its audit log still lists it).
   */
  async awaitRun(config: GraphConfig, requestId: string): Promise<InvokeResult<S> | undefined> {
    const thread = this.thread(config);
    const outcome = await thread.outcomeOf(requestId);
    if (!outcome) return undefined;
    if (outcome.error) throw errorFromCode(outcome.error.code, outcome.error.message);
    return resultOf<S>(await valuesOf(thread, outcome), outcome);
  }

  /**
   * Like invoke, yielding the run's events as they happen: `updates` as each node finishes, `values`,
   * `custom`, `messages` and `debug`, and a `{ __interrupt__ }` chunk at a pause (under `updates` and
   * `values`). With several modes each chunk is `[mode, chunk]`. The stream's `lastEventId` is the id
   * of the last chunk yielded: joinStream continues from it after a disconnect.
   */
  stream(input: Partial<S> | Command | null, config: GraphConfig): GraphStream {
    const modes = streamModes(config.streamMode) ?? ['updates'];
    return graphStream(modes, async function* (this: RemoteGraph<S>) {
      const requestId = config.requestId ?? randomUUID();
      const outcome = this.run(input, { ...config, streamMode: modes }, requestId).then((r) => r.outcome);
      outcome.catch(() => undefined); // awaited below, after the events; not an unhandled rejection meanwhile
      yield* readEvents(this.thread(config), { requestId, outcome, tokens: modes.includes('messages') });
      await outcome; // a refusal or a failure of the run ends the stream with its error, as invoke throws it
    }.call(this));
  }

  /**
   * Continues a stream after a disconnect: the events after `lastEventId` of the run that event
   * belongs to (without one, of the thread's latest streaming run from its start), ending when that
   * run pauses or finishes. Misses and repeats nothing, across continue-as-new; if the thread no
   * longer keeps the events (it keeps its latest streaming run's), STREAM_EXPIRED. `requestId` names
   * the run to read (as submit returned it) when there is no event id yet.
   */
  joinStream(config: GraphConfig, options: { lastEventId?: string; requestId?: string; streamMode?: StreamMode | StreamMode[] } = {}): GraphStream {
    const modes = streamModes(options.streamMode);
    const { lastEventId, requestId } = options;
    const thread = this.thread(config);
    // A named request is read until it settles; one the thread no longer knows ends the stream at once.
    const outcome = requestId === undefined ? undefined : thread.outcomeOf(requestId);
    outcome?.catch(() => undefined); // only a signal for the reader, which reads on until the thread says done
    return graphStream(modes, readEvents(thread, { lastEventId, requestId, outcome, tokens: !modes || modes.includes('messages') }));
  }

  /** Applies values through the reducers as if `asNode` wrote them; runs nothing. Returns the new checkpoint's config. */
  async updateState(config: GraphConfig, values: Partial<S> | null, options: { asNode?: string } = {}): Promise<CheckpointConfig> {
    const thread = this.thread(config);
    const outcome = await thread.send({
      kind: 'updateState',
      requestId: config.requestId ?? randomUUID(),
      by: this.transport.identity,
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

  /**
   * Every request the thread accepted, oldest first, with who sent it, when, what it asked and how
   * it ended: read from Temporal's history of all the thread's runs (no worker needed). Refused
   * requests left no history, so they are not in it. An unknown thread has none.
   */
  async getAuditLog(config: GraphConfig): Promise<AuditEntry[]> {
    return this.thread(config).auditLog();
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

  private async run(
    input: Partial<S> | Command | null,
    config: GraphConfig,
    requestId: string = config.requestId ?? randomUUID(),
    onAccepted?: () => void,
  ): Promise<{ thread: ThreadHandle; outcome: RequestOutcome }> {
    const thread = this.thread(config);
    const checked = runInputOf(input);
    // With a past checkpoint the answer is for the fork's first interrupt, which does not exist yet.
    const sent = config.configurable.checkpoint_id ? checked : await bindResume(checked, thread.threadId, () => thread.pendingInterruptIds());
    const outcome = await thread.send(
      { kind: 'run', requestId, by: this.transport.identity, graph: this.name, input: sent, options: callOptions(config) },
      { start: sent !== null && !isCommand(sent), onAccepted },
    );
    return { thread, outcome };
  }
}

function callOptions(config: GraphConfig): CallOptions {
  const { recursionLimit, interruptBefore, interruptAfter, multitaskStrategy, streamMode } = config;
  return { recursionLimit, interruptBefore, interruptAfter, multitaskStrategy, checkpointId: config.configurable.checkpoint_id, streamMode: streamModes(streamMode) };
}

/** A run the thread has accepted: its request id (the run id over HTTP) and its result to come. */
export interface SubmittedRun<S = Values> {
  requestId: string;
  result: Promise<InvokeResult<S>>;
}

/** A stream of chunks that knows the id of the last one it yielded. */
export type GraphStream = AsyncGenerator<unknown> & { readonly lastEventId?: string };

/**
 * Chunks as LangGraph.js yields them: the chunk itself for one mode, `[mode, chunk]` for several
 * (or when the modes are not known: a joined stream without `streamMode`).
 */
function graphStream(modes: StreamMode[] | undefined, events: AsyncGenerator<StreamEventRecord>): GraphStream {
  let lastEventId: string | undefined;
  const chunks = (async function* () {
    for await (const event of events) {
      lastEventId = event.id;
      if (modes && !modes.includes(event.mode)) continue;
      yield modes?.length === 1 ? event.chunk : [event.mode, event.chunk];
    }
  })();
  return Object.defineProperty(chunks, 'lastEventId', { get: () => lastEventId }) as GraphStream;
}

/** `streamMode` as a list; refused when it names a mode durable-graph does not stream. */
function streamModes(mode: StreamMode | StreamMode[] | undefined): StreamMode[] | undefined {
  if (mode === undefined) return undefined;
  const modes = Array.isArray(mode) ? mode : [mode];
  const unknown = modes.find((m) => !STREAM_MODES.includes(m));
  if (unknown !== undefined || modes.length === 0) {
    throw new InvalidCommandError(`streamMode ${JSON.stringify(unknown ?? mode)} is not one of ${STREAM_MODES.map((m) => `"${m}"`).join(', ')}`);
  }
  return modes;
}

/** The outcome's values, read back with getState when the thread left them out for size. */
async function valuesOf(thread: ThreadHandle, outcome: RequestOutcome): Promise<Values> {
  return outcome.valuesOmitted ? (await thread.getState()).values : outcome.values;
}

function resultOf<S>(values: Values, outcome: RequestOutcome): InvokeResult<S> {
  return (outcome.interrupts ? { ...values, [INTERRUPT]: outcome.interrupts } : values) as InvokeResult<S>;
}
