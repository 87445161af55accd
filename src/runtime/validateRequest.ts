import { ApplicationFailure } from '@temporalio/workflow';
import { isCommand, type Command } from '../engine/command';
import { END } from '../engine/constants';
import type { ErrorCode } from '../engine/errors';
import { isPlainObject, unknownKeys, type Values } from '../engine/state';
import type { RunRequest, UpdateStateRequest } from './protocol';
import { isIdMap, type Thread } from './thread';

/** Refuses an update before Temporal records it: the thread stays exactly as it was. */
function refuse(code: ErrorCode, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

function checkGraph(thread: Thread, graph: string): void {
  if (graph !== thread.graphName) {
    refuse('UNKNOWN_GRAPH', `Thread "${thread.threadId}" runs graph "${thread.graphName}", not "${graph}"`);
  }
}

function checkBusy(thread: Thread, strategy: string | undefined): void {
  if (thread.busy && strategy !== 'enqueue') {
    refuse('THREAD_BUSY', `Thread "${thread.threadId}" is running; wait for it, or send with multitaskStrategy: 'enqueue'`);
  }
}

function checkKeys(thread: Thread, values: Values, what: string): void {
  const unknown = unknownKeys(thread.graph.spec, values);
  if (unknown.length) {
    refuse('INVALID_UPDATE', `${what} has unknown state key(s) ${unknown.map((k) => `"${k}"`).join(', ')}; the state has ${Object.keys(thread.graph.spec).join(', ')}`);
  }
}

function checkCheckpoint(thread: Thread, checkpointId: string | undefined): void {
  if (checkpointId && !thread.data.checkpoints.some((c) => c.id === checkpointId)) {
    refuse('INVALID_COMMAND', `Thread "${thread.threadId}" has no checkpoint "${checkpointId}" (it keeps the most recent ones)`);
  }
}

function checkResume(thread: Thread, resume: unknown): void {
  if (resume === null || resume === undefined) refuse('INVALID_COMMAND', 'Command({ resume }) needs an answer: null and undefined are not answers');
  const pending = thread.answerable();
  if (isIdMap(resume)) {
    for (const [id, answer] of Object.entries(resume as Values)) {
      const target = pending.find((p) => p.id === id);
      if (!target) {
        if (thread.isAnswered(id)) refuse('ALREADY_ANSWERED', `Interrupt ${id} on thread "${thread.threadId}" was already answered`);
        refuse('UNKNOWN_INTERRUPT_ID', `Interrupt ${id} is not pending on thread "${thread.threadId}"; pending: ${pending.map((p) => p.id).join(', ') || 'none'}`);
      }
      if (answer === null || answer === undefined) refuse('INVALID_COMMAND', `The answer to interrupt ${id} is ${answer}; send a JSON value`);
      const why = target.validate?.(answer);
      if (why) refuse('INVALID_ANSWER', `Answer to interrupt ${id} (node "${target.task.node}") refused: ${why}`);
    }
    return;
  }
  if (pending.length === 0) {
    const what = thread.paused ? 'is paused at a breakpoint or NodeInterrupt, which take invoke(null)' : 'has no pending interrupt';
    refuse('NOTHING_TO_RESUME', `Thread "${thread.threadId}" ${what}; nothing to resume`);
  }
  if (pending.length > 1) {
    refuse('AMBIGUOUS_RESUME', `Thread "${thread.threadId}" has ${pending.length} pending interrupts; answer by id: Command({ resume: { [id]: answer } }) with ids ${pending.map((p) => p.id).join(', ')}`);
  }
  const why = pending[0].validate?.(resume);
  if (why) refuse('INVALID_ANSWER', `Answer to interrupt ${pending[0].id} (node "${pending[0].task.node}") refused: ${why}`);
}

export function validateRun(thread: Thread, request: RunRequest): void {
  checkGraph(thread, request.graph);
  checkBusy(thread, request.options.multitaskStrategy);
  checkCheckpoint(thread, request.options.checkpointId);
  const limit = request.options.recursionLimit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) refuse('INVALID_COMMAND', `recursionLimit must be a whole number of at least 1, got ${limit}`);
  const input = request.input;
  if (input === null || isCommand(input)) {
    if (!thread.started) refuse('NOTHING_TO_RESUME', `Thread "${thread.threadId}" has never run; invoke it with input first`);
  }
  if (input === null) return;
  if (isCommand(input)) {
    const command = input as Command;
    const hasResume = 'resume' in command;
    if (!hasResume && command.update === undefined && command.goto === undefined) {
      refuse('INVALID_COMMAND', 'Command is empty: give it resume, update or goto');
    }
    if (command.update !== undefined) {
      if (!isPlainObject(command.update)) refuse('INVALID_COMMAND', 'Command update must be an object of state keys');
      checkKeys(thread, command.update, 'Command update');
    }
    if (command.goto !== undefined && thread.answerable().length) {
      refuse('PENDING_INTERRUPT', `Thread "${thread.threadId}" waits for an answer; Command({ goto }) is refused until it is answered or dropped with updateState(null, { asNode: END })`);
    }
    if (hasResume) {
      if (request.options.checkpointId) {
        if (command.resume === null || command.resume === undefined) refuse('INVALID_COMMAND', 'Command({ resume }) needs an answer');
      } else checkResume(thread, command.resume);
    }
    return;
  }
  if (!isPlainObject(input)) refuse('INVALID_COMMAND', `Input must be an object of state keys, a Command or null, got ${Array.isArray(input) ? 'an array' : typeof input}`);
  checkKeys(thread, input, 'Input');
  // A pause after the last node (interruptAfter) leaves no work to lose: new input starts the next run.
  const nothingLeft = thread.data.breakpoint === 'after' && thread.data.next.length === 0;
  if (thread.paused && !nothingLeft && !request.options.checkpointId && !thread.busy) {
    refuse('PENDING_INTERRUPT', `Thread "${thread.threadId}" is paused with pending work; answer it, continue with invoke(null), or drop it with updateState(null, { asNode: END }) before new input`);
  }
}

export function validateUpdateState(thread: Thread, request: UpdateStateRequest): void {
  checkGraph(thread, request.graph);
  checkBusy(thread, request.options.multitaskStrategy);
  checkCheckpoint(thread, request.options.checkpointId);
  if (!thread.started) refuse('INVALID_UPDATE', `Thread "${thread.threadId}" has no state yet; invoke it first`);
  const { values, asNode } = request;
  if (asNode === END) {
    if (values !== null && values !== undefined) refuse('INVALID_UPDATE', 'updateState with asNode END drops pending work and takes no values: pass null');
    return;
  }
  if (values === null || values === undefined) refuse('INVALID_UPDATE', 'updateState needs values (null only with asNode: END)');
  if (!isPlainObject(values)) refuse('INVALID_UPDATE', 'updateState values must be an object of state keys');
  checkKeys(thread, values, 'updateState');
  if (asNode === undefined) return;
  if (!thread.graph.def.nodes.has(asNode)) {
    refuse('INVALID_UPDATE', `asNode "${asNode}" is not a node of graph "${thread.graphName}"; nodes: ${[...thread.graph.def.nodes.keys()].join(', ')}`);
  }
  const waiting = thread.answerable().map((p) => p.task.node);
  if (waiting.length && !waiting.includes(asNode) && !request.options.checkpointId) {
    refuse('INVALID_UPDATE', `Node(s) ${[...new Set(waiting)].join(', ')} wait for an answer; update as one of them, without asNode, or as END`);
  }
}
