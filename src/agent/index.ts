// The tool-calling agent (workflow side): tools, approval policies, agent-inbox and LangChain v1 decision shapes.
export * from './agentState';
export * from './approval';
export * from './createReactAgent';
export * from './hitlDecisions';
export * from './humanInterrupt';
export * from './tool';
export type * from './standardSchema';
export { pendingToolCalls, toolMessage } from './toolsNode';
