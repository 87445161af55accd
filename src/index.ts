// durable-graph, Node side: the client, the worker, the embedded Temporal server, the stock activities.
export { GraphClient } from './client/graphClient';
export type { GraphClientOptions, ThreadInfo } from './client/graphClient';
export { RemoteGraph } from './client/remoteGraph';
export type { GraphStream, InvokeResult } from './client/remoteGraph';
export type { AuditEntry } from './client/auditLog';
export { ANONYMOUS } from './engine/identity';
export type { Approvers, Identity } from './engine/identity';
export type { GraphConfig } from './client/config';
export { Command, Send } from './engine/command';
export { END, START, INTERRUPT } from './engine/constants';
export * from './engine/errors';
export type { Message, ToolCall } from './graph/messages';
export type { ActionRequest, HumanInterrupt, HumanInterruptConfig, HumanResponse } from './agent/humanInterrupt';
export type { Decision, DecisionType, HITLActionRequest, HITLRequest, HITLResponse, ReviewConfig } from './agent/hitlDecisions';
export type { TokenUsage } from './agent/agentState';
export type { Approval, CheckpointConfig, Interrupt, PendingInterruptInfo, StateSnapshot, StreamMode, ThreadStatus } from './runtime/protocol';
// For Temporal's own tools (`temporal workflow update execute / query`, visibility queries): the
// thread's update and query definitions and its search attribute keys, by their exact names.
export {
  answerUpdate,
  getStateHistoryQuery,
  getStateQuery,
  GRAPH_NAME,
  PENDING_INTERRUPTS,
  pendingInterruptIdsQuery,
  runUpdate,
  THREAD_STATUS,
  updateStateUpdate,
  WAITING_SINCE,
} from './runtime/protocol';
export type { OperatorAnswer } from './runtime/operatorAnswer';
export { bundleWorkflows, createWorker } from './worker/createWorker';
export type { CreateWorkerOptions } from './worker/createWorker';
export { startDevServer } from './server/devServer';
export type { DevServer, DevServerOptions } from './server/devServer';
export { resolveTemporal } from './server/resolveTemporal';
export { resolveTemporalBinary, TemporalNotFoundError } from './server/temporalBinary';
export { connectionSettingsFromEnv } from './client/connectionSettings';
export { checkNamespace, DURABLE_GRAPH_SEARCH_ATTRIBUTES, setupNamespace } from './client/namespaceSetup';
export type { NamespaceSetup, OperatorConnection } from './client/namespaceSetup';
export { createEncryptionCodec, EncryptionCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from './client/encryptionCodec';
export type { EncryptionCodecOptions, EncryptionKey } from './client/encryptionCodec';
export { dataConverterWithEncryption, encryptionCodecFromEnv, ENCRYPTION_KEYS_VARIABLE } from './client/encryptionSettings';
export { callModel, createLlmActivities } from './llm/activity';
export type { LlmConfig } from './llm/settings';
export type { CallModelInput, CallModelOutput, LlmActivities, ModelTool, ModelUsage } from './llm/types';
