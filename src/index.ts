// durable-graph, Node side: the client, the worker, the embedded Temporal server, the stock activities.
export { GraphClient } from './client/graphClient';
export type { GraphClientOptions, ThreadInfo } from './client/graphClient';
export { RemoteGraph } from './client/remoteGraph';
export type { InvokeResult } from './client/remoteGraph';
export type { GraphConfig } from './client/config';
export { Command, Send } from './graph/command';
export { END, START, INTERRUPT } from './graph/constants';
export * from './graph/errors';
export type { Message, ToolCall } from './graph/messages';
export type { CheckpointConfig, Interrupt, StateSnapshot, ThreadStatus } from './runtime/protocol';
export { bundleWorkflows, createWorker } from './worker/createWorker';
export type { CreateWorkerOptions } from './worker/createWorker';
export { startDevServer } from './server/devServer';
export type { DevServer, DevServerOptions } from './server/devServer';
export { resolveTemporal } from './server/resolveTemporal';
export { resolveTemporalBinary, TemporalNotFoundError } from './server/temporalBinary';
export { connectionSettingsFromEnv } from './server/connectionSettings';
export { callModel, createLlmActivities } from '../activities/llm';
