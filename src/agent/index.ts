// The tool-calling agent (workflow side): tools, approval policies, agent-inbox shapes.
export * from './agentState';
export * from './approval';
export * from './createReactAgent';
export * from './humanInterrupt';
export * from './tool';
export { pendingToolCalls, toolMessage } from './toolsNode';
