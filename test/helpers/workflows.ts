// Every workflow the tests run: the shipped graphs plus small test-only workflows.
export * from '../../workflows';
export * from './testWorkflows';
export * from './runOnceWorkflow';
export * from './agentWorkflows';
export * from './coreWorkflows';
export * from './subgraphWorkflows';
