import { ANONYMOUS } from '../../../../src/engine/identity';
// Small graphs and hand-built thread states for the thread core's unit tests: the transitions are
// driven directly, no workflow and no node code runs.
import type { Command } from '../../../../src/engine/command';
import { END, START } from '../../../../src/engine/constants';
import type { CompiledGraph } from '../../../../src/engine/compiledGraph';
import type { NodeOutput } from '../../../../src/engine/nodeOutput';
import type { Values } from '../../../../src/engine/state';
import { Annotation } from '../../../../src/graph/annotation';
import { StateGraph } from '../../../../src/graph/stateGraph';
import type { AnswerCheck } from '../../../../src/runtime/core/admission';
import { newThreadData, type TaskRecord, type ThreadState } from '../../../../src/runtime/core/data';
import { startInput } from '../../../../src/runtime/core/requests';
import { commitStep, interruptRaised, startStep, taskDone } from '../../../../src/runtime/core/steps';
import type { ThreadView } from '../../../../src/runtime/core/view';
import type { CallOptions, RunRequest, ThreadRequest, UpdateStateRequest } from '../../../../src/runtime/protocol';

export const NOW = '2026-03-01T12:00:00.000Z';
export const THREAD_ID = 'thread-1';
export const GRAPH_NAME = 'review';

const append = (a: string[], b: string | string[]) => a.concat(b);

/** `topic` keeps the last value (one writer per step); `log` appends through a reducer. */
export const State = Annotation.Root({
  topic: Annotation<string>(),
  log: Annotation<string[], string | string[]>({ reducer: append, default: () => [] }),
});

const noop = () => ({});

/** START → plan → ask → finish → END. The tests play `ask` calling interrupt(). */
export function askingGraph(): CompiledGraph {
  return new StateGraph(State)
    .addNode('plan', noop)
    .addNode('ask', noop)
    .addNode('finish', noop, { ends: ['plan'] })
    .addEdge(START, 'plan')
    .addEdge('plan', 'ask')
    .addEdge('ask', 'finish')
    .addEdge('finish', END)
    .compile();
}

/** START → left and START → right, both → END: two tasks in one step. */
export function parallelGraph(): CompiledGraph {
  return new StateGraph(State)
    .addNode('left', noop)
    .addNode('right', noop)
    .addEdge(START, 'left')
    .addEdge(START, 'right')
    .addEdge('left', END)
    .addEdge('right', END)
    .compile();
}

export function newThread(graph: CompiledGraph): ThreadState {
  return { data: newThreadData(graph.spec) };
}

export function viewOf(graph: CompiledGraph, state: ThreadState): ThreadView {
  return { graph, threadId: THREAD_ID, graphName: GRAPH_NAME, state };
}

/** New input taken and its START step committed: the thread at step 0, its entry nodes next. */
export async function afterInput(graph: CompiledGraph, input: Values, state: ThreadState = newThread(graph)): Promise<ThreadState> {
  const withInput = startInput(viewOf(graph, state), input, NOW, ANONYMOUS);
  const started = startStep(viewOf(graph, withInput), withInput.data.next);
  return (await commitStep(viewOf(graph, started), 'loop', NOW)).state;
}

/** Starts the step the thread plans next. */
export function startNext(graph: CompiledGraph, state: ThreadState): ThreadState {
  return startStep(viewOf(graph, state), state.data.next);
}

/** Runs the next step whole: every task returns `outputs[node]` (or nothing), then the step commits. */
export async function runStep(graph: CompiledGraph, state: ThreadState, outputs: Record<string, Values> = {}): Promise<ThreadState> {
  let running = startNext(graph, state);
  for (const task of running.flight!.tasks) {
    if (task.status === 'running') running = taskDone(running, task.id, { update: outputs[task.node] ?? {} });
  }
  return (await commitStep(viewOf(graph, running), 'loop', NOW)).state;
}

/** The task of `node` in the step under way. */
export function taskOf(state: ThreadState, node: string): TaskRecord {
  const task = state.flight?.tasks.find((t) => t.node === node);
  if (!task) throw new Error(`no task of ${node} in the step under way`);
  return task;
}

/** `node` calls interrupt(value). */
export function raise(graph: CompiledGraph, state: ThreadState, node: string, value: unknown = `question from ${node}`): { state: ThreadState; id: string } {
  return interruptRaised(viewOf(graph, state), taskOf(state, node).id, value, true, { raisedAt: NOW });
}

/** The asking graph with `ask` running (the node that hosts a subgraph in the subgraph tests). */
export async function askRunning(graph: CompiledGraph = askingGraph()): Promise<{ state: ThreadState; taskId: string }> {
  const state = startNext(graph, await runStep(graph, await afterInput(graph, { topic: 'refund' })));
  return { state, taskId: taskOf(state, 'ask').id };
}

/** The asking graph with `ask` waiting for an answer to one interrupt. */
export async function waitingAtAsk(graph: CompiledGraph = askingGraph()): Promise<{ state: ThreadState; id: string }> {
  const atZero = await afterInput(graph, { topic: 'refund' });
  const afterPlan = await runStep(graph, atZero, { plan: { log: 'planned' } });
  return raise(graph, startNext(graph, afterPlan), 'ask');
}

export function done(update: Values): NodeOutput {
  return { update };
}

let requestSeq = 0;

export function runRequest(input: Values | null, options: CallOptions = {}): RunRequest {
  return { kind: 'run', requestId: `request-${++requestSeq}`, graph: GRAPH_NAME, input, options };
}

export function updateRequest(values: Values | null, asNode?: string, options: UpdateStateRequest['options'] = {}): UpdateStateRequest {
  return { kind: 'updateState', requestId: `request-${++requestSeq}`, graph: GRAPH_NAME, values, ...(asNode !== undefined ? { asNode } : {}), options };
}

/** A Command as it reaches the workflow: plain JSON, as the client sends it. */
export function wire(command: Command): Values {
  return JSON.parse(JSON.stringify(command)) as Values;
}

/** The thread with a request under way (so that new requests find it busy). */
export function withActive(state: ThreadState, request: ThreadRequest = runRequest(null)): ThreadState {
  return { ...state, data: { ...state.data, mailbox: { ...state.data.mailbox, active: { request, prepared: true, steps: 0, skipBefore: false } } } };
}

export const acceptAnything: AnswerCheck = () => undefined;

/** Freezes a value and everything it holds: a transition that mutates its input then throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

/** A frozen state and a copy of it taken before the transition, to compare with afterwards. */
export function frozenWithCopy(state: ThreadState): { state: ThreadState; before: ThreadState } {
  const before = structuredClone(state);
  return { state: deepFreeze(state), before };
}
