import { proxyActivities } from '@temporalio/workflow';
import { Annotation, END, graphWorkflow, interrupt, START, StateGraph } from '../src/workflow';
import type { ShippedActivities } from '../activities';

const { currentVersion, applyProposal } = proxyActivities<ShippedActivities>({ startToCloseTimeout: '1 minute' });

/** A change to a target, bound to the version of the target it was written against. */
export interface Proposal {
  target: string;
  version: number;
  change: string;
}

const State = Annotation.Root({
  target: Annotation<string>(),
  change: Annotation<string>(),
  proposal: Annotation<Proposal>(),
  approved: Annotation<boolean>(),
  outcome: Annotation<'applied' | 'stale' | 'rejected'>(),
  result: Annotation<string>(),
});

/**
 * propose (records the target's version) -> approve (a human, maybe much later) -> apply, which
 * checks the version again and refuses to act on a target that changed since the proposal.
 */
export const staleGuardGraph = new StateGraph(State)
  .addNode('propose', async (s) => ({ proposal: { target: s.target, version: await currentVersion(s.target), change: s.change } }))
  .addNode('approve', async (s) => ({ approved: (await interrupt<string>({ question: 'Apply this change?', proposal: s.proposal })) === 'approve' }))
  .addNode('apply', async (s) => {
    if (!s.approved) return { outcome: 'rejected' as const };
    const now = await currentVersion(s.proposal.target);
    if (now !== s.proposal.version) {
      return { outcome: 'stale' as const, result: `${s.proposal.target} changed from version ${s.proposal.version} to ${now} after the proposal; nothing applied` };
    }
    return { outcome: 'applied' as const, result: await applyProposal(s.proposal) };
  })
  .addEdge(START, 'propose')
  .addEdge('propose', 'approve')
  .addEdge('approve', 'apply')
  .addEdge('apply', END)
  .compile();

export const staleGuard = graphWorkflow(staleGuardGraph);
