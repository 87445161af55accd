// The shipped graphs; each export is a workflow type named after the graph.
export { approvalGate } from './approvalGate';
export { approveOrReject } from './approveOrReject';
export { breakpoints } from './breakpoints';
export { emailDraft } from './emailDraft';
export { multiInterrupt } from './multiInterrupt';
export { nodeInterruptFlag } from './nodeInterruptFlag';
export { prReview } from './prReview';
export { reviewAndEdit } from './reviewAndEdit';
export { staleGuard } from './staleGuard';
export { validationLoop } from './validationLoop';
