import { proxyActivities } from '@temporalio/workflow';
import { z } from 'zod/v4';
import { createReactAgent, graphWorkflow, tool } from '../src/workflow';
import type { ShippedActivities } from '../activities';

const { restartService, scaleDown } = proxyActivities<ShippedActivities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 3 } });

/** Restarts a service at once (safe to repeat). */
export const restartServiceTool = tool({
  name: 'restart_service',
  description: 'Restart a service.',
  schema: z.object({ service: z.string().min(1) }),
  execute: (request, { toolCallId }) => restartService(request, { toolCallId }),
});

/** Scales a service down; waits for the on-call engineer. */
export const scaleDownTool = tool({
  name: 'scale_down',
  description: 'Scale a service down to a number of replicas. The on-call engineer must approve.',
  schema: z.object({ service: z.string().min(1), replicas: z.number().int().min(0) }),
  execute: (request, { toolCallId }) => scaleDown(request, { toolCallId }),
});

/** An operations assistant: restarts at once, scales down only with the on-call human's approval. */
export const opsAgentGraph = createReactAgent({
  tools: [restartServiceTool, scaleDownTool],
  prompt: 'You operate production services. Restart services freely; scaling down needs the on-call engineer.',
  approval: {
    scale_down: {
      description: (r: { service: string; replicas: number }) =>
        `Scale ${r.service} down to ${r.replicas} replica(s)? Waiting for the on-call engineer.`,
    },
  },
});

export const opsAgent = graphWorkflow(opsAgentGraph);
