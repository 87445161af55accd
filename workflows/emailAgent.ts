import { proxyActivities } from '@temporalio/workflow';
import { z } from 'zod/v4';
import { createReactAgent, graphWorkflow, tool } from '../src/workflow';
import type { ShippedActivities } from '../activities';

const { sendEmail, searchWeb } = proxyActivities<ShippedActivities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 3 } });

/** Sends an email, once per tool call. */
export const sendEmailTool = tool({
  name: 'send_email',
  description: 'Send an email. A human reviews every email before it goes out.',
  schema: z.object({
    to: z.email().describe('Recipient address'),
    subject: z.string().min(1),
    body: z.string().min(1),
  }),
  execute: (email, { toolCallId }) => sendEmail(email, { toolCallId }),
});

/** Searches the web (read-only: runs without asking). */
export const searchWebTool = tool({
  name: 'search_web',
  description: 'Search the web; returns titles, links and snippets.',
  schema: z.object({ query: z.string().min(1) }),
  execute: ({ query }) => searchWeb({ query }),
});

/** Researches with search_web and writes emails; every send_email waits for a human (accept, edit, respond or ignore). */
export const emailAgentGraph = createReactAgent({
  tools: [sendEmailTool, searchWebTool],
  prompt: 'You help the user research topics and write emails. Use search_web to look things up and send_email to send.',
  approval: {
    send_email: {
      description: (e: { to: string; subject: string }) => `Send this email to ${e.to} with the subject "${e.subject}"?`,
    },
  },
});

export const emailAgent = graphWorkflow(emailAgentGraph);
