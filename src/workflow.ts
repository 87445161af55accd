// Everything graph and workflow code imports: deterministic, no Node modules.
export { Annotation } from './graph/annotation';
export type { AnnotationRoot, Channel, StateDefinition, StateType, UpdateType } from './graph/annotation';
export { Command, Send } from './graph/command';
export { CompiledGraph } from './graph/compiledGraph';
export type { CompileOptions } from './graph/compiledGraph';
export { END, START, INTERRUPT } from './graph/constants';
export * from './graph/errors';
export { MessagesAnnotation, messagesReducer } from './graph/messages';
export type { Message, ToolCall } from './graph/messages';
export { StateGraph } from './graph/stateGraph';
export type { NodeContext, NodeFunction, RetryPolicy, Router } from './graph/types';
export { getCurrentState, interrupt, NodeInterrupt } from './runtime/interrupt';
export type { InterruptOptions } from './runtime/interrupt';
export { graphWorkflow } from './runtime/graphWorkflow';
export type { Interrupt, StateSnapshot, ThreadStatus } from './runtime/protocol';
