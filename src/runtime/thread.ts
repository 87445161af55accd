// The thread's Temporal shell: holds the thread state, applies transitions to it, keeps the live node
// executions in step with the task records, and waits with Temporal's condition(). The rules live in
// core/ (pure, unit-tested); this class only makes them happen inside a workflow.
import { CancellationScope, condition, isCancellation, log, patched, upsertMemo, workflowInfo } from '@temporalio/workflow';
import type { CompiledGraph } from '../engine/compiledGraph';
import { DurableGraphError } from '../engine/errors';
import { errorText } from '../engine/errorText';
import { ANONYMOUS, notAllowedBecause, type Approvers } from '../engine/identity';
import type { Values } from '../engine/state';
import { msToNumber } from '@temporalio/common/lib/time';
import { updateActive } from './core/activeRequest';
import { cloneData } from './core/cloneData';
import { admit, type Admission } from './core/admission';
import { arrivedData } from './core/checkpointLog';
import { newThreadData, THREAD_DATA_VERSION, type ActiveRequest, type ThreadData, type ThreadState } from './core/data';
import { eventsAfter, hasEventsAfter, keepLatestRequest, records } from './core/eventLog';
import { EVENT_PAGE_BYTES, OUTCOME_VALUES_BYTES, UPDATES_PER_RUN } from './core/limits';
import { enqueue, knowsRequest, settle } from './core/mailbox';
import { answerTaken, interruptEscalated, interruptRaised, interruptTimedOut, liveTask, stillAsked, type Vote } from './core/steps';
import * as view from './core/view';
import { SYSTEM_DECISION_MEMO, type CheckpointConfig, type RequestOutcome, type StreamEventsPage, type StreamEventsRequest, type SystemDecision, type ThreadErrorInfo, type ThreadRequest } from './protocol';
import type { AnswerRequest, AnswerValidator, DeadlineHook, WaitingInterrupt } from './taskContext';
import { startNode, type TaskRunnerHost } from './taskRunner';
import type { ThreadAttributes } from './threadAttributes';

/** What a node's interrupt() said about its answers: code, so it lives with the node, not in the thread data. */
interface AnswerRules {
  validate?: AnswerValidator;
  vote?: (answer: unknown) => Vote;
}

/** A running node: its cancellation scope and the answer rules of the interrupts it asked. */
interface LiveNode {
  scope: CancellationScope;
  rules: Map<string, AnswerRules>;
}

export class Thread implements view.ThreadView, TaskRunnerHost {
  state: ThreadState;
  /** True once the thread decided to continue as new: waiting handlers answer `continued`. */
  handingOver = false;
  private readonly live = new Map<string, LiveNode>();
  /** Outcomes settled in this run and not yet taken by their handler: whole, events and values included. */
  private readonly fresh = new Map<string, RequestOutcome>();
  /** What the update validator admitted, for the handler that runs right after it. */
  private readonly admitted = new Map<string, Admission>();
  /** Updates this run has accepted. */
  private updates = 0;

  constructor(
    readonly graph: CompiledGraph,
    readonly threadId: string,
    readonly graphName: string,
    carried: ThreadData | undefined,
    private readonly attributes: ThreadAttributes,
  ) {
    // Data from another version of the code (carried before a deploy) has no typed shape here.
    const version: unknown = carried?.version;
    if (carried && version !== THREAD_DATA_VERSION) {
      // Not a refusal: a worker older or newer than the run that continued as new. Fail the task until one that fits runs it.
      throw new Error(`Thread "${threadId}" carries data version ${JSON.stringify(version)}; this worker reads version ${THREAD_DATA_VERSION}`);
    }
    this.state = { data: carried ? arrivedData(carried) : newThreadData(graph.spec) };
  }

  get view(): view.ThreadView {
    return this;
  }

  /** Makes a transition's result the thread's state, then starts and stops node executions to match. */
  apply(next: ThreadState): void {
    this.state = next;
    for (const [id, node] of this.live) {
      if (liveTask(next, id)) continue;
      const record = next.flight?.tasks.find((t) => t.id === id);
      if (!record || record.status === 'cancelled') node.scope.cancel();
      this.live.delete(id);
    }
    // Registered before any starts: a node's first lines run now and may apply transitions themselves.
    const starting = (next.flight?.tasks ?? []).filter((t) => t.status === 'running' && !this.live.has(t.id));
    for (const task of starting) this.live.set(task.id, { scope: new CancellationScope(), rules: new Map() });
    for (const task of starting) startNode(this, task.id, this.live.get(task.id)!.scope);
    if (this.attributes.publishing === 'every-change') this.announce();
  }

  /**
   * The thread is about to wait until `until()` holds (a request, or its running tasks): its search
   * attributes say where it stands. Looked at once the current job's code has run (a microtask
   * later), so that what arrives in the same workflow task (update-with-start's request, an interrupt
   * its node raises at once) is seen; a thread whose wait is already over is not at rest.
   */
  rest(until: () => boolean): void {
    if (this.attributes.publishing === 'every-change') return; // published with every change already
    void Promise.resolve().then(() => {
      if (!until()) this.announce();
    });
  }

  now(): string {
    return new Date().toISOString(); // workflow time: deterministic on replay
  }

  /** Tells the search attributes where the thread stands (they publish only what is new). */
  private announce(): void {
    this.attributes.publish(view.status(this.state), view.pendingInterrupts(this.state).length, view.waitingSince(this.state));
  }

  // ---- requests ---------------------------------------------------------------------------

  checkAnswer = (interruptId: string, answer: unknown): string | undefined => this.rulesOf(interruptId)?.validate?.(answer);

  /** How an answer counts toward its interrupt's quorum: the vote rule of the node that asked it. */
  tally = (interruptId: string, answer: unknown): Vote => this.rulesOf(interruptId)?.vote?.(answer) ?? 'approve';

  private rulesOf(interruptId: string): AnswerRules | undefined {
    for (const node of this.live.values()) {
      const rules = node.rules.get(interruptId);
      if (rules) return rules;
    }
    return undefined;
  }

  /** The update validator: throws the refusal (a DurableGraphError) or returns what admission fixed. */
  admitArrival(request: ThreadRequest): Admission {
    if (knowsRequest(this.state.data.mailbox, request.requestId)) return {}; // a retry: it gets the first one's outcome
    const admission = admit(this, request, { atTurn: false, checkAnswer: this.checkAnswer });
    this.admitted.set(request.requestId, admission); // the handler runs next, in the same activation
    return admission;
  }

  /**
   * What the validator fixed about an accepted request. On replay validators do not run, so it is
   * worked out again; code deployed since may judge differently: a refusal then is left to the check
   * at the request's turn.
   */
  private bindOnArrival(request: ThreadRequest): Admission {
    const admitted = this.admitted.get(request.requestId);
    this.admitted.delete(request.requestId);
    if (admitted) return admitted;
    try {
      return admit(this, request, { atTurn: false, checkAnswer: this.checkAnswer });
    } catch (err) {
      if (isRefusal(err)) return {};
      throw err;
    }
  }

  /** Queues an admitted request and resolves with its outcome (or `continued` if the thread hands over). */
  async submit(request: ThreadRequest): Promise<RequestOutcome> {
    if (!knowsRequest(this.state.data.mailbox, request.requestId)) {
      const { bound } = request.kind === 'run' && request.internal ? {} : this.bindOnArrival(request);
      this.apply({ ...this.state, data: { ...this.state.data, mailbox: enqueue(this.state.data.mailbox, { request, ...(bound ? { bound } : {}) }) } });
    }
    return this.awaitOutcome(request.requestId);
  }

  /** Ends the active request with its outcome. */
  settle(outcome: RequestOutcome): void {
    this.fresh.set(outcome.requestId, outcome);
    const settled = { ...this.state, data: { ...this.state.data, mailbox: settle(this.state.data.mailbox, outcome) } };
    this.apply(keepLatestRequest(settled, outcome.requestId));
  }

  async awaitOutcome(requestId: string): Promise<RequestOutcome> {
    await condition(() => Object.hasOwn(this.state.data.mailbox.outcomes, requestId) || this.handingOver);
    const fresh = this.fresh.get(requestId);
    if (fresh) {
      this.fresh.delete(requestId);
      return fresh;
    }
    const record = this.state.data.mailbox.outcomes[requestId];
    if (!record) return { requestId, continued: true, status: view.status(this.state), values: {} };
    return { ...record, ...this.valuesForOutcome() };
  }

  knowsRequest(requestId: string): boolean {
    return knowsRequest(this.state.data.mailbox, requestId);
  }

  // ---- stream readers ------------------------------------------------------------------------

  /** A page of a request's stream events after the reader's cursor. */
  streamEvents(cursor: StreamEventsRequest): StreamEventsPage {
    const log = this.state.data.events;
    const page = eventsAfter(log, cursor, EVENT_PAGE_BYTES);
    const { requestId, events } = page;
    const last = events[events.length - 1];
    // Nothing more comes once the request has settled and this page reaches its last event.
    const more = requestId !== undefined && (this.requestPending(requestId) || hasEventsAfter(log, requestId, last?.seq ?? cursor.after ?? 0));
    return {
      ...(requestId === undefined ? {} : { requestId }),
      events: events.map((e) => ({ id: String(e.seq), mode: e.mode, chunk: e.chunk })),
      done: page.expired === true || !more,
      ...(page.expired ? { expired: true as const } : {}),
      ...(requestId !== undefined && this.state.data.mailbox.active?.request.requestId === requestId && records(this.state, 'messages') ? { streamsMessages: true as const } : {}),
    };
  }

  /** Returns once the request has events after `after` or has settled; `continued` when the thread hands over meanwhile. */
  async awaitStreamEvents(requestId: string, after: number): Promise<{ continued?: true }> {
    const ready = () => hasEventsAfter(this.state.data.events, requestId, after) || !this.requestPending(requestId);
    await condition(() => ready() || this.handingOver);
    return ready() ? {} : { continued: true };
  }

  private requestPending(requestId: string): boolean {
    const { active, queue } = this.state.data.mailbox;
    return active?.request.requestId === requestId || queue.some((q) => q.request.requestId === requestId);
  }

  /** The outcome of the active request as the thread stands now. */
  outcome(requestId: string, error?: ThreadErrorInfo, config?: CheckpointConfig): RequestOutcome {
    const state = this.state;
    const rested = error ?? view.currentError(state);
    return {
      requestId,
      status: error ? 'error' : view.restingStatus(state),
      ...this.valuesForOutcome(),
      ...(!error && view.paused(state) ? { interrupts: view.pendingInterrupts(state) } : {}),
      ...(rested ? { error: rested } : {}),
      ...(config ? { config } : {}),
    };
  }

  /** The values an outcome carries, unless too large for one (the client then reads getState). */
  private valuesForOutcome(): { values: Values; valuesOmitted?: true } {
    const values = view.previewValues(this.graph, this.state);
    return JSON.stringify(values).length > OUTCOME_VALUES_BYTES ? { values: {}, valuesOmitted: true } : { values };
  }

  // ---- what nodes ask -----------------------------------------------------------------------

  currentValues(): Values {
    return this.state.data.values;
  }

  async waitForAnswer(taskId: string, request: AnswerRequest): Promise<{ answer?: unknown; timedOut?: true }> {
    const active = this.state.data.mailbox.active;
    if (active?.forkAnswer) {
      this.apply(updateActive(this.state, { forkAnswer: undefined }));
      // A resume sent with a past checkpoint answers the fork's first interrupt, if it would have
      // been admitted there: else the interrupt waits, as raised, for an answer that is.
      if (this.forkAnswerFits(active, request)) return { answer: active.forkAnswer.value };
    }
    const now = this.now();
    const deadline = request.timeout === undefined ? undefined : new Date(Date.parse(now) + msToNumber(request.timeout)).toISOString();
    const terms = { raisedAt: now, ...(deadline ? { deadline } : {}), ...(request.approvers ? { approvers: request.approvers } : {}), ...(request.path ? { path: request.path } : {}) };
    const raised = interruptRaised(this, taskId, request.value, request.hasValue, terms);
    this.live.get(taskId)?.rules.set(raised.id, { validate: request.validate, vote: request.vote });
    this.apply(raised.state);
    this.watchDeadlines(taskId, raised.id, request);
    const delivered = () => Object.hasOwn(liveTask(this.state, taskId)?.answers ?? {}, raised.id);
    if (request.timeout === undefined) await condition(delivered);
    else if (!(await condition(delivered, request.timeout))) {
      this.apply(interruptTimedOut(this.state, taskId, raised.id));
      this.rest(() => false); // the pending count changed, though the thread may be busy with other tasks
      // Threads that timed out before timeouts were audited replay without the record.
      if (patched('audit-system-decisions')) this.recordDecision({ kind: 'timeout', interruptIds: [raised.id], decision: request.timeoutDecision ?? 'error' });
      // Nobody answered in time: the thread goes on by itself, as if invoke(null) had been sent.
      if (!view.busy(this.state)) {
        void this.submit({ kind: 'run', requestId: `timeout-${raised.id}`, graph: this.graphName, input: null, options: {}, internal: 'timeout' });
      }
      return { timedOut: true };
    }
    const taken = answerTaken(this.state, taskId, raised.id);
    this.apply(taken.state);
    return { answer: taken.answer };
  }

  /** Starts an interrupt's reminders and escalation: durable timers that act only while nobody has answered. */
  private watchDeadlines(taskId: string, interruptId: string, request: AnswerRequest): void {
    request.reminders?.forEach((reminder, i) => {
      this.whenStillAsked(taskId, interruptId, reminder.after, `durable-graph: reminder ${i + 1} of interrupt ${interruptId}`, () => {
        this.recordDecision({ kind: 'reminder', interruptIds: [interruptId], reminder: i });
        return reminder.run;
      });
    });
    const escalate = request.escalate;
    if (!escalate) return;
    this.whenStillAsked(taskId, interruptId, escalate.after, `durable-graph: escalation of interrupt ${interruptId}`, () => {
      this.apply(interruptEscalated(this.state, taskId, interruptId, escalate.approvers));
      const widened = liveTask(this.state, taskId)?.pending.find((p) => p.id === interruptId)?.approvers;
      this.recordDecision({ kind: 'escalation', interruptIds: [interruptId], ...(widened ? { approvers: widened } : {}) });
      return escalate.run;
    });
  }

  /**
   * After `after`, if the interrupt is still unanswered: `act` (the thread's own change), then the
   * hook it returns. The timer lives in the node's cancellation scope, so it goes with the node; it
   * is cancelled as soon as the interrupt is answered.
   */
  private whenStillAsked(taskId: string, interruptId: string, after: NonNullable<AnswerRequest['timeout']>, summary: string, act: () => DeadlineHook | undefined): void {
    const answered = () => !stillAsked(this.state, taskId, interruptId);
    void (async () => {
      try {
        if (await condition(answered, after, { summary })) return;
      } catch (err) {
        if (isCancellation(err)) return; // the node was dropped: nothing waits any more
        throw err;
      }
      const hook = act();
      if (!hook) return;
      try {
        await hook(this.waitingInterrupt(taskId, interruptId));
      } catch (err) {
        // The user's hook (say, a notification that failed after its retries) must not decide the
        // approval: the interrupt keeps waiting, and the failure goes to the worker's log.
        if (!isCancellation(err)) log.error(`${summary}: its run hook failed: ${errorText(err)}`);
      }
    })();
  }

  /** What a deadline hook is told about the interrupt still waiting. */
  private waitingInterrupt(taskId: string, interruptId: string): WaitingInterrupt {
    const asked = liveTask(this.state, taskId)?.pending.find((p) => p.id === interruptId);
    return {
      interruptId,
      value: cloneData(asked?.value),
      raisedAt: asked?.raisedAt ?? this.now(),
      ...(asked?.deadline ? { deadline: asked.deadline } : {}),
      ...(asked?.approvers ? { approvers: cloneData(asked.approvers) } : {}),
      ...(asked?.requester ? { requester: cloneData(asked.requester) } : {}),
    };
  }

  /** Records a decision the thread made by itself in its history (the audit log reads it as `system`'s). */
  private recordDecision(decision: SystemDecision): void {
    upsertMemo({ [SYSTEM_DECISION_MEMO]: decision });
  }

  /** Counts an accepted Update (requests, outcome and stream waits): a run takes at most UPDATES_PER_RUN. */
  updateAccepted(): void {
    this.updates++;
  }

  private forkAnswerFits(active: ActiveRequest, request: { validate?: AnswerValidator; approvers?: Approvers }): boolean {
    const answer = active.forkAnswer!.value;
    const rule = request.approvers;
    if (rule && ((rule.quorum ?? 1) > 1 || notAllowedBecause(rule, active.request.by ?? ANONYMOUS, rule.requester ?? this.state.data.requester?.id))) return false;
    return request.validate?.(answer) === undefined;
  }

  /** Whether the thread should continue as new now: Temporal suggests it (or the run took its Updates) and no step is under way. */
  canHandOver(): boolean {
    return (workflowInfo().continueAsNewSuggested || this.updates >= UPDATES_PER_RUN) && !this.state.flight;
  }
}

/** A refusal found by the thread's own rules; anything else thrown is a bug. */
export function isRefusal(err: unknown): err is DurableGraphError {
  return err instanceof DurableGraphError;
}
