import type { Duration } from '@temporalio/common';
import { CancellationScope, condition, isCancellation, sleep, workflowInfo } from '@temporalio/workflow';
import { isCommand, type Command } from '../engine/command';
import { selected, type CompiledGraph } from '../engine/compiledGraph';
import { END } from '../engine/constants';
import { DurableGraphError } from '../engine/errors';
import { nodeOutput } from '../engine/nodeOutput';
import { FinishedTask, JoinProgress, PlannedTask, planNext, planStart } from '../engine/planner';
import { applyWrites, initialValues, Values, Write } from '../engine/state';
import type { NodeContext } from '../engine/types';
import { errorText } from './errorText';
import { INTERRUPT_ID, stableId } from './ids';
import { NodeInterrupt } from './interrupt';
import { cloneJson } from './json';
import type {
  Checkpoint,
  CheckpointConfig,
  CheckpointSource,
  Interrupt,
  RequestOutcome,
  RunRequest,
  ThreadErrorInfo,
  ThreadRequest,
  ThreadStatus,
  UpdateStateRequest,
  StreamEvent,
} from './protocol';
import { AnswerValidator, isBlocked, LiveTask, TaskHost, taskContext, taskInterrupts } from './task';

const MAX_CHECKPOINTS = 50;
const MAX_OUTCOMES = 50;
const MAX_ANSWERED = 1000;

/** The request being processed, kept across continue-as-new. */
interface ActiveRequest {
  request: ThreadRequest;
  prepared: boolean;
  steps: number;
  /** Set by invoke(null) at a before-breakpoint: run the paused step without stopping again. */
  skipBefore: boolean;
  /** A resume sent with a past checkpoint: answers the first interrupt of the fork. */
  forkAnswer?: { value: unknown };
  events?: StreamEvent[];
}

/** Everything a thread carries into its next run when it continues as new. */
export interface ThreadData {
  values: Values;
  step: number;
  runSeq: number;
  taskSeq: number;
  checkpointSeq: number;
  next: PlannedTask[];
  joins: JoinProgress;
  error?: ThreadErrorInfo;
  breakpoint?: 'before' | 'after';
  checkpoints: Checkpoint[];
  answered: string[];
  outcomes: Record<string, RequestOutcome>;
  queue: ThreadRequest[];
  active?: ActiveRequest;
}

/** The superstep under way, with its live node executions. */
interface InFlight {
  step: number;
  tasks: LiveTask[];
  /** State the step's nodes read: the values when it started. */
  input: Values;
}

const HANDOVER = Symbol('handover');

/**
 * One thread: its state, checkpoints and pending interrupts, and the loop that runs the graph's
 * supersteps for one request at a time. The workflow file only wires Temporal messages to it.
 */
export class Thread implements TaskHost {
  data: ThreadData;
  inFlight?: InFlight;
  /** True once the thread decided to continue as new: waiting handlers return `continued`. */
  handingOver = false;
  private lastPublished = '';

  constructor(
    readonly graph: CompiledGraph,
    readonly threadId: string,
    readonly graphName: string,
    carried: ThreadData | undefined,
    private readonly publish: (status: ThreadStatus, pending: number) => void,
  ) {
    this.data = carried ?? {
      values: initialValues(graph.spec),
      step: -2,
      runSeq: 0,
      taskSeq: 0,
      checkpointSeq: 0,
      next: [],
      joins: {},
      checkpoints: [],
      answered: [],
      outcomes: {},
      queue: [],
    };
  }

  // ---- status -------------------------------------------------------------------------------

  get started(): boolean {
    return this.data.checkpoints.length > 0;
  }

  get busy(): boolean {
    return this.data.active !== undefined || this.data.queue.length > 0;
  }

  get paused(): boolean {
    const waiting = this.inFlight?.tasks.some((t) => isBlocked(t) || t.status === 'paused') ?? false;
    return waiting || this.data.breakpoint !== undefined;
  }

  get status(): ThreadStatus {
    return this.data.active ? 'running' : this.restingStatus();
  }

  /** The status once the request under way (if any) is done. */
  private restingStatus(): ThreadStatus {
    if (this.currentError()) return 'error';
    if (this.paused) return 'interrupted';
    return 'idle';
  }

  /** Why the thread is stuck: a run-level error, or a node of the step under way that failed. */
  currentError(): ThreadErrorInfo | undefined {
    return this.data.error ?? this.inFlight?.tasks.find((t) => t.status === 'failed')?.error;
  }

  /** Interrupts a human can see now (answerable ones have ids). */
  pendingInterrupts(): Interrupt[] {
    return (this.inFlight?.tasks ?? []).flatMap(taskInterrupts);
  }

  answerable(): Array<{ task: LiveTask; id: string; validate?: AnswerValidator }> {
    return (this.inFlight?.tasks ?? []).filter(isBlocked).flatMap((task) => task.pending.map((p) => ({ task, id: p.id, validate: p.validate })));
  }

  /** Values with the finished tasks of the step under way applied (what invoke shows). */
  previewValues(): Values {
    if (!this.inFlight) return this.data.values;
    try {
      return applyWrites(this.graph.spec, this.data.values, this.doneWrites(this.inFlight));
    } catch {
      return this.data.values;
    }
  }

  isAnswered(id: string): boolean {
    return this.data.answered.includes(id);
  }

  private announce(): void {
    const status = this.status;
    const pending = this.pendingInterrupts().length;
    const key = `${status}/${pending}`;
    if (key === this.lastPublished) return;
    this.lastPublished = key;
    this.publish(status, pending);
  }

  // ---- the request loop ---------------------------------------------------------------------

  /** Queues a request and resolves with its outcome (or `continued` if the thread hands over). */
  async submit(request: ThreadRequest): Promise<RequestOutcome> {
    this.data.queue.push(request);
    this.announce();
    return this.awaitOutcome(request.requestId);
  }

  async awaitOutcome(requestId: string): Promise<RequestOutcome> {
    await condition(() => requestId in this.data.outcomes || this.handingOver);
    const outcome = this.data.outcomes[requestId];
    if (outcome) return outcome;
    return { requestId, continued: true, status: this.status, values: this.previewValues() };
  }

  knowsRequest(requestId: string): boolean {
    return (
      requestId in this.data.outcomes ||
      this.data.active?.request.requestId === requestId ||
      this.data.queue.some((r) => r.requestId === requestId)
    );
  }

  /** Processes requests one at a time; returns when the thread should continue as new. */
  async serve(): Promise<void> {
    this.announce();
    for (;;) {
      if (!this.data.active) {
        await condition(() => this.data.queue.length > 0 || (workflowInfo().continueAsNewSuggested && !this.inFlight));
        if (this.data.queue.length === 0) break;
        const request = this.data.queue.shift()!;
        this.data.active = { request, prepared: false, steps: 0, skipBefore: false };
      }
      this.announce();
      const active = this.data.active;
      let outcome: RequestOutcome | typeof HANDOVER;
      try {
        outcome = active.request.kind === 'run' ? await this.processRun(active.request, active) : await this.processUpdate(active.request);
      } catch (err) {
        // Refusals found only at processing time (an enqueued request whose check no longer holds).
        const code = err instanceof DurableGraphError ? err.code : 'INVALID_UPDATE';
        outcome = this.outcome(active.request.requestId, { code, message: errorText(err) });
      }
      if (outcome === HANDOVER) break;
      this.data.active = undefined;
      this.remember(outcome);
      this.announce();
    }
    this.handingOver = true;
  }

  private remember(outcome: RequestOutcome): void {
    this.data.outcomes[outcome.requestId] = outcome;
    const ids = Object.keys(this.data.outcomes);
    for (const id of ids.slice(0, Math.max(0, ids.length - MAX_OUTCOMES))) delete this.data.outcomes[id];
  }

  private outcome(requestId: string, error?: ThreadErrorInfo, config?: CheckpointConfig): RequestOutcome {
    const paused = !error && this.paused;
    const events = this.data.active?.request.requestId === requestId ? this.data.active.events : undefined;
    return {
      requestId,
      status: error ? 'error' : this.restingStatus(),
      values: this.previewValues(),
      ...(paused ? { interrupts: this.pendingInterrupts() } : {}),
      ...(error ?? this.currentError() ? { error: error ?? this.currentError() } : {}),
      ...(config ? { config } : {}),
      ...(events ? { events } : {}),
    };
  }

  // ---- runs ---------------------------------------------------------------------------------

  private async processRun(request: RunRequest, active: ActiveRequest): Promise<RequestOutcome | typeof HANDOVER> {
    if (!active.prepared) {
      if (request.options.streamMode?.length) active.events = [];
      if (!request.internal) await this.prepareRun(request, active);
      active.prepared = true;
    }
    const limit = request.options.recursionLimit ?? 25;
    const before = request.options.interruptBefore ?? this.graph.options.interruptBefore;
    const after = request.options.interruptAfter ?? this.graph.options.interruptAfter;
    for (;;) {
      if (this.inFlight) {
        await condition(() => this.inFlight!.tasks.every((t) => t.status !== 'running' || isBlocked(t)));
        const tasks = this.inFlight.tasks;
        // A failure outranks a pause: the caller learns of it now; waiting siblings keep waiting.
        if (tasks.some((t) => t.status === 'failed')) return this.outcome(request.requestId);
        if (tasks.some((t) => isBlocked(t) || t.status === 'paused')) return this.outcome(request.requestId);
        const ran = tasks.filter((t) => t.status === 'done').map((t) => t.node);
        if (!(await this.commit('loop'))) return this.outcome(request.requestId);
        // As LangGraph: the after-breakpoint holds even when nothing follows (invoke(null) then finishes).
        if (ran.some((n) => selected(after, n))) {
          this.data.breakpoint = 'after';
          return this.outcome(request.requestId);
        }
      }
      if (this.data.next.length === 0) return this.outcome(request.requestId);
      if (!active.skipBefore && this.data.next.some((t) => selected(before, t.node))) {
        this.data.breakpoint = 'before';
        return this.outcome(request.requestId);
      }
      active.skipBefore = false;
      if (active.steps >= limit) {
        this.data.error = {
          code: 'RECURSION_LIMIT',
          message: `Recursion limit of ${limit} reached without hitting a stop condition; invoke(null) with a larger recursionLimit continues`,
        };
        return this.outcome(request.requestId);
      }
      if (workflowInfo().continueAsNewSuggested) return HANDOVER;
      this.startStep(this.data.step + 1, this.data.next);
      active.steps++;
    }
  }

  private async prepareRun(request: RunRequest, active: ActiveRequest): Promise<void> {
    const input = request.input;
    const command = isCommand(input) ? (input as Command) : undefined;
    if (request.options.checkpointId && request.options.checkpointId !== this.head()?.id) {
      this.fork(request.options.checkpointId);
      if (command && 'resume' in command) active.forkAnswer = { value: command.resume };
    }
    if (input === null || command) {
      // Continue: clear a breakpoint or an error and run what is left.
      if (this.data.breakpoint === 'before') active.skipBefore = true;
      this.data.breakpoint = undefined;
      this.data.error = undefined;
      if (command?.update) this.applyUpdate(command.update as Values);
      if (command?.goto !== undefined) {
        const plan = await planNext(this.graph.def, [{ node: '__command__', goto: command.goto }], this.data.values, this.data.joins);
        this.data.next = [...this.data.next, ...plan.tasks];
      }
      this.restartUnfinished();
      if (command && 'resume' in command && !active.forkAnswer) this.deliver(command.resume);
      return;
    }
    // New input: a new run from START on top of the state the thread has.
    this.inFlight = undefined;
    this.data.error = undefined;
    this.data.breakpoint = undefined;
    this.data.runSeq++;
    this.data.values = applyWrites(this.graph.spec, this.data.values, [{ node: '__input__', update: input }]);
    const plan = await planStart(this.graph.def, this.data.values, this.data.joins);
    this.data.next = plan.tasks;
    this.data.joins = plan.joins;
    this.data.step++;
    this.checkpoint('input', { __input__: input });
  }

  /** Gives answers to pending interrupts: an id map, or one plain value for the only one. */
  private deliver(resume: unknown): void {
    const pending = this.answerable();
    const byId = isIdMap(resume) ? (resume as Record<string, unknown>) : { [pending[0].id]: resume };
    for (const { task, id } of pending) {
      if (!(id in byId)) continue;
      task.pending = task.pending.filter((p) => p.id !== id);
      task.answers.set(id, cloneJson(byId[id]));
      this.data.answered.push(id);
    }
    if (this.data.answered.length > MAX_ANSWERED) this.data.answered.splice(0, this.data.answered.length - MAX_ANSWERED);
  }

  // ---- supersteps ---------------------------------------------------------------------------

  private startStep(step: number, planned: PlannedTask[]): void {
    const input = cloneJson(this.data.values);
    this.inFlight = { step, tasks: [], input };
    for (const p of planned) this.inFlight.tasks.push(this.startTask(step, p, input));
  }

  /** Runs failed and NodeInterrupt tasks of the step under way again, as new attempts. */
  private restartUnfinished(): void {
    const flight = this.inFlight;
    if (!flight?.tasks.some((t) => t.status === 'failed' || t.status === 'paused')) return;
    flight.input = cloneJson(this.data.values);
    flight.tasks = flight.tasks.map((t) =>
      t.status === 'failed' || t.status === 'paused' ? this.startTask(flight.step, t.planned, flight.input) : t,
    );
  }

  private startTask(step: number, planned: PlannedTask, input: Values): LiveTask {
    const task: LiveTask = {
      id: stableId(this.threadId, 'task', this.data.runSeq, step, planned.node, this.data.taskSeq++),
      node: planned.node,
      planned,
      step,
      status: 'running',
      pending: [],
      answers: new Map(),
      calls: 0,
      scope: new CancellationScope(),
    };
    // Errors are caught inside execute; the promise itself is only awaited through task status.
    void task.scope.run(() => taskContext.run({ task, host: this }, () => this.execute(task, input)));
    return task;
  }

  private async execute(task: LiveTask, input: Values): Promise<void> {
    const spec = this.graph.def.nodes.get(task.node)!;
    const policy = spec.retryPolicy;
    const ctx: NodeContext = {
      node: task.node,
      step: task.step,
      threadId: this.threadId,
      writer: (chunk) => this.data.active?.events?.push({ mode: 'custom', chunk: cloneJson(chunk) }),
    };
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await spec.fn(task.planned.push ? cloneJson(task.planned.arg) : cloneJson(input), ctx);
        if (task.status !== 'running') return;
        task.output = nodeOutput(task.node, result);
        task.status = 'done';
        return;
      } catch (err) {
        if (task.status !== 'running') return; // cancelled by updateState meanwhile
        if (err instanceof NodeInterrupt || (err as Error)?.name === 'NodeInterrupt') {
          task.status = 'paused';
          task.nodeInterrupt = { value: (err as NodeInterrupt).value };
          return;
        }
        const retry = policy && !isCancellation(err) && attempt < (policy.maxAttempts ?? 3) && (policy.retryOn?.(err) ?? true);
        if (retry) {
          const interval = (policy.initialInterval ?? 500) * Math.pow(policy.backoffFactor ?? 2, attempt - 1);
          await sleep(Math.min(interval, policy.maxInterval ?? 128_000));
          continue;
        }
        task.status = 'failed';
        task.error = { code: 'NODE_FAILED', node: task.node, message: `Node "${task.node}" failed: ${errorText(err)}` };
        // A node can fail while the thread is paused (a sibling branch of its code threw): say so.
        this.announce();
        return;
      }
    }
  }

  async waitForAnswer(
    task: LiveTask,
    value: unknown,
    hasValue: boolean,
    validate?: AnswerValidator,
    timeout?: Duration,
  ): Promise<{ answer?: unknown; timedOut?: true }> {
    const id = stableId(this.threadId, 'interrupt', this.data.runSeq, task.step, task.id, task.calls++);
    const fork = this.data.active?.forkAnswer;
    if (fork) {
      this.data.active!.forkAnswer = undefined;
      return { answer: fork.value };
    }
    task.pending.push({ id, value, hasValue, validate });
    if (timeout === undefined) await condition(() => task.answers.has(id));
    else if (!(await condition(() => task.answers.has(id), timeout))) {
      task.pending = task.pending.filter((p) => p.id !== id);
      // Nobody answered in time: the thread goes on by itself, as if invoke(null) had been sent.
      if (!this.data.active && !this.data.queue.length) {
        void this.submit({ kind: 'run', requestId: `timeout-${id}`, graph: this.graphName, input: null, options: {}, internal: 'timeout' });
      }
      return { timedOut: true };
    }
    const answer = task.answers.get(id);
    task.answers.delete(id);
    return { answer };
  }

  currentValues(): Values {
    return this.data.values;
  }

  private doneWrites(flight: InFlight): Write[] {
    return flight.tasks.filter((t) => t.status === 'done').map((t) => ({ node: t.node, update: t.output!.update }));
  }

  /** Applies the finished step's writes and plans the next; false when the writes conflict. */
  private async commit(source: CheckpointSource): Promise<boolean> {
    const flight = this.inFlight!;
    const done = flight.tasks.filter((t) => t.status === 'done');
    try {
      const values = applyWrites(this.graph.spec, this.data.values, this.doneWrites(flight));
      const finished: FinishedTask[] = done.map((t) => ({ node: t.node, goto: t.output!.goto }));
      const plan = await planNext(this.graph.def, finished, values, this.data.joins);
      this.data.values = values;
      this.data.next = plan.tasks;
      this.data.joins = plan.joins;
    } catch (err) {
      this.data.error = { code: err instanceof DurableGraphError ? err.code : 'NODE_FAILED', message: errorText(err) };
      for (const t of flight.tasks) t.status = 'failed';
      return false;
    }
    this.inFlight = undefined;
    this.data.step = flight.step;
    const writes = Object.fromEntries(done.map((t) => [t.node, t.output!.update]));
    this.checkpoint(source, writes);
    const events = this.data.active?.events;
    if (events) {
      for (const t of done) events.push({ mode: 'updates', chunk: { [t.node]: t.output!.update } });
      events.push({ mode: 'values', chunk: cloneJson(this.data.values) });
      events.push({ mode: 'debug', chunk: { type: 'checkpoint', step: this.data.step, next: this.data.next.map((t) => t.node) } });
    }
    return true;
  }

  // ---- updateState --------------------------------------------------------------------------

  private async processUpdate(request: UpdateStateRequest): Promise<RequestOutcome> {
    if (request.options.checkpointId && request.options.checkpointId !== this.head()?.id) this.fork(request.options.checkpointId);
    const { values, asNode } = request;
    this.data.error = undefined;
    if (asNode === END) {
      // Ignore the thread: drop every unfinished task; finished ones keep their writes.
      for (const t of this.inFlight?.tasks ?? []) if (t.status !== 'done') this.cancel(t);
      if (this.inFlight && !(await this.commit('update'))) return this.outcome(request.requestId, this.data.error);
      if (!this.inFlight) this.data.next = [];
      this.data.breakpoint = undefined;
      if (this.head()?.source !== 'update') this.checkpoint('update', {});
      return this.outcome(request.requestId, undefined, this.headConfig());
    }
    const waitingAsNode = this.inFlight?.tasks.filter((t) => t.node === asNode && t.status !== 'done') ?? [];
    if (asNode && waitingAsNode.length) {
      // Answer by editing: the given values stand as the waiting node's output.
      for (const t of waitingAsNode) {
        this.cancel(t);
        t.status = 'done';
        t.output = { update: values ?? {} };
      }
      const settled = this.inFlight!.tasks.every((t) => t.status === 'done' || t.status === 'cancelled');
      if (settled) {
        if (!(await this.commit('update'))) return this.outcome(request.requestId, this.data.error);
      } else this.checkpoint('update', { [asNode]: values ?? {} });
      this.data.breakpoint = undefined;
      return this.outcome(request.requestId, undefined, this.headConfig());
    }
    if (asNode) {
      this.data.values = applyWrites(this.graph.spec, this.data.values, [{ node: asNode, update: values ?? {} }]);
      const plan = await planNext(this.graph.def, [{ node: asNode }], this.data.values, this.data.joins);
      this.inFlight = undefined;
      this.data.next = plan.tasks;
      this.data.joins = plan.joins;
      this.data.breakpoint = undefined;
      this.data.step++;
      this.checkpoint('update', { [asNode]: values ?? {} });
      return this.outcome(request.requestId, undefined, this.headConfig());
    }
    this.applyUpdate(values ?? {});
    return this.outcome(request.requestId, undefined, this.headConfig());
  }

  /** Writes values through the reducers without running or rescheduling anything (an 'update' checkpoint). */
  private applyUpdate(values: Values): void {
    this.data.values = applyWrites(this.graph.spec, this.data.values, [{ node: '__update__', update: values }]);
    this.data.step++;
    this.checkpoint('update', { __update__: values });
  }

  private cancel(task: LiveTask): void {
    task.status = 'cancelled';
    task.pending = [];
    task.scope.cancel();
  }

  // ---- checkpoints --------------------------------------------------------------------------

  head(): Checkpoint | undefined {
    return this.data.checkpoints[this.data.checkpoints.length - 1];
  }

  headConfig(): CheckpointConfig {
    return this.configOf(this.head()!.id);
  }

  configOf(checkpointId: string): CheckpointConfig {
    return { configurable: { thread_id: this.threadId, checkpoint_id: checkpointId } };
  }

  private checkpoint(source: CheckpointSource, writes?: Record<string, Values>): void {
    const parentId = this.head()?.id;
    const next = this.inFlight ? this.inFlight.tasks.filter((t) => t.status !== 'done').map((t) => t.planned) : this.data.next;
    this.data.checkpoints.push({
      id: stableId(this.threadId, 'checkpoint', this.data.checkpointSeq++),
      parentId,
      step: this.data.step,
      source,
      values: cloneJson(this.previewValues()),
      next: cloneJson(next),
      joins: cloneJson(this.data.joins),
      writes: writes && cloneJson(writes),
      createdAt: new Date().toISOString(),
    });
    if (this.data.checkpoints.length > MAX_CHECKPOINTS) this.data.checkpoints.shift();
  }

  /** Moves the head to a copy of a past checkpoint; what was under way is dropped. */
  private fork(checkpointId: string): void {
    const past = this.data.checkpoints.find((c) => c.id === checkpointId)!;
    for (const t of this.inFlight?.tasks ?? []) if (t.status !== 'done') this.cancel(t);
    this.inFlight = undefined;
    this.data.values = cloneJson(past.values);
    this.data.next = cloneJson(past.next);
    this.data.joins = cloneJson(past.joins);
    this.data.error = undefined;
    this.data.breakpoint = undefined;
    this.data.step = past.step;
    this.data.runSeq++;
    this.checkpoint('fork');
  }
}

/** `resume` is an id map when it is a non-empty plain object whose every key has the interrupt id format. */
export function isIdMap(resume: unknown): boolean {
  if (typeof resume !== 'object' || resume === null || Array.isArray(resume)) return false;
  const keys = Object.keys(resume);
  return keys.length > 0 && keys.every((k) => INTERRUPT_ID.test(k));
}
