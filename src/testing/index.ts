// durable-graph/testing: helpers for tests of durable-graph and of the projects that use it.
export * from './scriptedTypes';
export * from './scriptedModel';
export * from './scriptedRules';
export { contentText, estimateTokens } from './openaiWire';
export type { OpenAIErrorBody } from './openaiWire';
