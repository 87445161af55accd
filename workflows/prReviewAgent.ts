import { proxyActivities } from '@temporalio/workflow';
import { z } from 'zod/v4';
import { Annotation, Command, createReactAgent, getCurrentState, graphWorkflow, tool, toolMessage } from '../src/workflow';
import type { ShippedActivities } from '../activities';

const { applyChanges } = proxyActivities<ShippedActivities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 3 } });

/**
 * `proposals`: the changes the model proposed. A reviewer corrects them with
 * `updateState(config, { proposals })` while apply_changes waits; apply_changes applies the list
 * as it is when the reviewer accepts (read with getCurrentState()).
 */
export const PrReviewState = Annotation.Root({ proposals: Annotation<string[]>() });

function currentProposals(): string[] {
  return getCurrentState<typeof PrReviewState.State>().proposals ?? [];
}

/** Records the model's proposed changes in state (no effect outside the thread). */
export const proposeChangesTool = tool({
  name: 'propose_changes',
  description: 'Propose changes to the pull request, one short sentence each. Call apply_changes afterwards, in a later turn.',
  schema: z.object({ changes: z.array(z.string().min(1)).min(1) }),
  execute: ({ changes }, { toolCallId }) =>
    new Command({
      update: {
        proposals: changes,
        messages: [toolMessage(toolCallId, `Recorded ${changes.length} proposed change(s); call apply_changes to apply them once approved.`)],
      },
    }),
});

/** Applies the proposals as they are when the reviewer accepts. */
export const applyChangesTool = tool({
  name: 'apply_changes',
  description: 'Apply the proposed changes to the repository. A reviewer approves (and may correct the list) first.',
  schema: z.object({ repo: z.string().min(1) }),
  execute: ({ repo }, { toolCallId }) => {
    const changes = currentProposals();
    if (!changes.length) throw new Error('nothing is proposed yet; call propose_changes first');
    return applyChanges({ repo, changes }, { toolCallId });
  },
});

/** Reviews the diff in the user's message, proposes changes, applies them once a reviewer accepts. */
export const prReviewAgentGraph = createReactAgent({
  tools: [proposeChangesTool, applyChangesTool],
  stateSchema: PrReviewState,
  prompt: 'You review pull requests. Read the diff, call propose_changes with your changes, then call apply_changes.',
  approval: {
    apply_changes: {
      config: { allow_edit: false },
      description: ({ repo }: { repo: string }) => {
        const changes = currentProposals();
        return `Apply ${changes.length} change(s) to ${repo}?\n${changes.map((c) => `- ${c}`).join('\n')}\n` +
          'To correct the list, updateState({ proposals }) before accepting.';
      },
    },
  },
});

export const prReviewAgent = graphWorkflow(prReviewAgentGraph);
