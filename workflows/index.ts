// The shipped graphs; each export is a workflow type named after the graph.
export { approvalGate } from './approvalGate';
export { approveOrReject } from './approveOrReject';
export { breakpoints } from './breakpoints';
export { emailAgent } from './emailAgent';
export { emailAgentV1 } from './emailAgentV1';
export { emailDraft } from './emailDraft';
export { multiInterrupt } from './multiInterrupt';
export { nodeInterruptFlag } from './nodeInterruptFlag';
export { opsAgent } from './opsAgent';
export { paymentAgent } from './paymentAgent';
export { prReview } from './prReview';
export { prReviewAgent } from './prReviewAgent';
export { recordsAgent } from './recordsAgent';
export { reviewAndEdit } from './reviewAndEdit';
export { staleGuard } from './staleGuard';
export { validationLoop } from './validationLoop';
