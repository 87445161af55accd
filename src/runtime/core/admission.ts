// Whether a request may change the thread: checked by the update validator when it arrives (so a
// refused request leaves no trace in history) and again when a queued request's turn comes.
import { isCommand, type Command } from '../../engine/command';
import { END } from '../../engine/constants';
import { errorFromCode, type ErrorCode } from '../../engine/errors';
import { ANONYMOUS, identityProblem, notAllowedBecause, type Identity } from '../../engine/identity';
import { isPlainObject, unknownKeys, type Values } from '../../engine/state';
import { isIdMap, type RunRequest, type ThreadRequest, type UpdateStateRequest } from '../protocol';
import { findCheckpoint } from './checkpointLog';
import { answerable, busy, head, isAnswered, paused, started, type ThreadView } from './view';

/** Checks an answer against the validator its interrupt() was given; returns why it is refused. */
export type AnswerCheck = (interruptId: string, answer: unknown) => string | undefined;

export interface AdmissionContext {
  /** False when the request arrives, true when its turn comes (queued requests are checked twice). */
  atTurn: boolean;
  /** At its turn: the answers the request was bound to when it arrived. */
  bound?: Record<string, unknown>;
  checkAnswer: AnswerCheck;
}

/** What admission fixes about a request: the interrupt ids its answers go to. */
export interface Admission {
  bound?: Record<string, unknown>;
}

function refuse(code: ErrorCode, message: string): never {
  throw errorFromCode(code, message);
}

export { isIdMap };

export function admit(view: ThreadView, request: ThreadRequest, ctx: AdmissionContext): Admission {
  const malformed = request.by === undefined ? undefined : identityProblem(request.by);
  if (malformed) refuse('NOT_AUTHORIZED', `Request refused: ${malformed}`);
  if (request.graph !== view.graphName) {
    refuse('UNKNOWN_GRAPH', `Thread "${view.threadId}" runs graph "${view.graphName}", not "${request.graph}"`);
  }
  if (!ctx.atTurn && busy(view.state) && request.options.multitaskStrategy !== 'enqueue') {
    refuse('THREAD_BUSY', `Thread "${view.threadId}" is running; wait for it, or send with multitaskStrategy: 'enqueue'`);
  }
  const checkpointId = request.options.checkpointId;
  if (checkpointId && !findCheckpoint(view.state.data, checkpointId)) {
    refuse('INVALID_COMMAND', `Thread "${view.threadId}" has no checkpoint "${checkpointId}" (it keeps the latest ones; see getStateHistory)`);
  }
  // The head's own id (as getState().config carries it) is no fork: the request is checked as one without.
  const forks = checkpointId !== undefined && checkpointId !== head(view.state)?.id;
  // updateState checks every case itself, forks included.
  if (forks && request.kind === 'run') checkMayChangeGuarded(view, request.by ?? ANONYMOUS, 'a request from a past checkpoint');
  return request.kind === 'run' ? admitRun(view, request, ctx, forks) : admitUpdateState(view, request, forks);
}

function checkKeys(view: ThreadView, values: Values, what: string): void {
  const unknown = unknownKeys(view.graph.spec, values);
  if (unknown.length) {
    refuse('INVALID_UPDATE', `${what} has unknown state key(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')}; the state has ${Object.keys(view.graph.spec).join(', ')}`);
  }
}

/**
 * While an interrupt with approvers waits, only someone allowed to answer it may change what it
 * guards (edit the state, drop or replace the waiting node, jump elsewhere, fork past it): else
 * the requester could edit the payment under approval, or approve it through the back door.
 */
function checkMayChangeGuarded(view: ThreadView, by: Identity, what: string): void {
  for (const { task, id } of answerable(view.state)) {
    const rule = task.pending.find((p) => p.id === id)?.approvers;
    const why = rule && notAllowedBecause(rule, by, rule.requester);
    if (why) refuse('NOT_AUTHORIZED', `${by.id} may not send ${what} on thread "${view.threadId}" while interrupt ${id} (node "${task.node}") waits for its approvers: ${why}`);
  }
}

function admitRun(view: ThreadView, request: RunRequest, ctx: AdmissionContext, forks: boolean): Admission {
  const limit = request.options.recursionLimit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) refuse('INVALID_COMMAND', `recursionLimit must be a whole number of at least 1, got ${limit}`);
  const input = request.input;
  if ((input === null || isCommand(input)) && !started(view.state)) {
    refuse('NOTHING_TO_RESUME', `Thread "${view.threadId}" has never run; invoke it with input first`);
  }
  if (input === null) return {};
  if (isCommand(input)) return admitCommand(view, input, request.by ?? ANONYMOUS, ctx, forks);
  if (!isPlainObject(input)) refuse('INVALID_UPDATE', `Input must be an object of state keys, a Command or null, got ${Array.isArray(input) ? 'an array' : typeof input}`);
  checkKeys(view, input, 'Input');
  // A queued input cannot be judged until the request before it is done.
  if (!ctx.atTurn && busy(view.state)) return {};
  const { data } = view.state;
  // A pause after the last node (interruptAfter) leaves no work to lose: new input starts the next run.
  const nothingLeft = data.breakpoint === 'after' && data.next.length === 0;
  if (paused(view.state) && !nothingLeft && !forks) {
    refuse('PENDING_INTERRUPT', `Thread "${view.threadId}" is paused with pending work; answer it, continue with invoke(null), or drop it with updateState(null, { asNode: END }) before new input`);
  }
  return {};
}

function admitCommand(view: ThreadView, command: Command, by: Identity, ctx: AdmissionContext, forks: boolean): Admission {
  const hasResume = Object.hasOwn(command, 'resume');
  if (!hasResume && command.update === undefined && command.goto === undefined) refuse('INVALID_COMMAND', 'Command is empty: give it resume, update or goto');
  if (command.update !== undefined) {
    if (!isPlainObject(command.update)) refuse('INVALID_COMMAND', 'Command update must be an object of state keys');
    checkKeys(view, command.update, 'Command update');
    checkMayChangeGuarded(view, by, 'Command({ update })');
  }
  if (command.goto !== undefined && answerable(view.state).length) {
    refuse('PENDING_INTERRUPT', `Thread "${view.threadId}" waits for an answer; Command({ goto }) is refused until it is answered or dropped with updateState(null, { asNode: END })`);
  }
  if (!hasResume) return {};
  if (command.resume === null || command.resume === undefined) refuse('INVALID_COMMAND', 'Command({ resume }) needs an answer: null and undefined are not answers');
  // A resume with a past checkpoint answers the fork's first interrupt, which does not exist yet.
  if (forks) return {};
  const bound = ctx.bound ?? bind(view, command.resume);
  checkAnswers(view, bound, by, ctx.checkAnswer);
  return { bound };
}

/** Turns a resume into interrupt id → answer, against the interrupts pending now. */
function bind(view: ThreadView, resume: unknown): Record<string, unknown> {
  if (isIdMap(resume)) return resume;
  const pending = answerable(view.state);
  if (pending.length === 0) {
    const what = paused(view.state) ? 'is paused at a breakpoint or NodeInterrupt, which take invoke(null)' : 'has no pending interrupt';
    refuse('NOTHING_TO_RESUME', `Thread "${view.threadId}" ${what}; nothing to resume`);
  }
  if (pending.length > 1) {
    refuse('AMBIGUOUS_RESUME', `Thread "${view.threadId}" has ${pending.length} pending interrupts; answer by id: Command({ resume: { [id]: answer } }) with ids ${pending.map((p) => p.id).join(', ')}`);
  }
  return { [pending[0].id]: resume };
}

function checkAnswers(view: ThreadView, bound: Record<string, unknown>, by: Identity, checkAnswer: AnswerCheck): void {
  const pending = answerable(view.state);
  for (const [id, answer] of Object.entries(bound)) {
    const target = pending.find((p) => p.id === id);
    if (!target) {
      if (isAnswered(view.state, id)) refuse('ALREADY_ANSWERED', `Interrupt ${id} on thread "${view.threadId}" was already answered`);
      refuse('UNKNOWN_INTERRUPT_ID', `Interrupt ${id} is not pending on thread "${view.threadId}"; pending: ${pending.map((p) => p.id).join(', ') || 'none'}`);
    }
    if (answer === null || answer === undefined) refuse('INVALID_COMMAND', `The answer to interrupt ${id} is ${answer}; send a JSON value`);
    const asked = target.task.pending.find((p) => p.id === id)!;
    if (asked.approvers) {
      const why = notAllowedBecause(asked.approvers, by, asked.approvers.requester);
      if (why) refuse('NOT_AUTHORIZED', `${by.id} may not answer interrupt ${id} (node "${target.task.node}") on thread "${view.threadId}": ${why}`);
      if (asked.approvals?.some((a) => a.by.id === by.id)) {
        const left = (asked.approvers.quorum ?? 1) - asked.approvals.length;
        refuse('ALREADY_ANSWERED', `${by.id} already answered interrupt ${id} on thread "${view.threadId}"; it waits for ${left} more answer(s) from other approvers`);
      }
    }
    const why = checkAnswer(id, answer);
    if (why) refuse('INVALID_ANSWER', `Answer to interrupt ${id} (node "${target.task.node}") refused: ${why}`);
  }
}

function admitUpdateState(view: ThreadView, request: UpdateStateRequest, forks: boolean): Admission {
  const { values, asNode } = request;
  checkMayChangeGuarded(view, request.by ?? ANONYMOUS, 'updateState');
  if (asNode === END) {
    if (!started(view.state)) refuse('INVALID_UPDATE', `Thread "${view.threadId}" has never run; there is no pending work to drop`);
    if (values !== null && values !== undefined) refuse('INVALID_UPDATE', 'updateState with asNode END drops pending work and takes no values: pass null');
    return {};
  }
  if (values === null || values === undefined) refuse('INVALID_UPDATE', 'updateState needs values (null only with asNode: END)');
  if (!isPlainObject(values)) refuse('INVALID_UPDATE', 'updateState values must be an object of state keys');
  checkKeys(view, values, 'updateState');
  if (asNode === undefined) return {};
  if (!view.graph.def.nodes.has(asNode)) {
    refuse('INVALID_UPDATE', `asNode ${JSON.stringify(asNode)} is not a node of graph "${view.graphName}"; nodes: ${[...view.graph.def.nodes.keys()].join(', ')}`);
  }
  const waiting = answerable(view.state).map((p) => p.task.node);
  if (waiting.length && !waiting.includes(asNode) && !forks) {
    refuse('INVALID_UPDATE', `Node(s) ${[...new Set(waiting)].join(', ')} wait for an answer; update as one of them, without asNode, or as END`);
  }
  return {};
}
