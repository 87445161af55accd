// The shipped graphs; each export is a workflow type named after the graph.
export { approvalGate } from './approvalGate';
