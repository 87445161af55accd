// Agents that exist for tests only: createReactAgent options the shipped agents do not use.
import { createReactAgent, graphWorkflow } from '../../src/workflow';
import { searchWebTool, sendEmailTool } from '../../workflows/emailAgent';
import { FINANCE_APPROVAL_FROM, paymentAgentGraph, payTool } from '../../workflows/paymentAgent';
import { convertTemperatureTool, distanceTool, shoutTool } from './userSchemaTools';

/** The email agent's tools with a static breakpoint before every tool step (send_email still asks). */
export const breakpointAgent = graphWorkflow(
  createReactAgent({
    tools: [searchWebTool, sendEmailTool],
    approval: { send_email: 'always' },
    interruptBefore: ['tools'],
  }),
);


/** LangChain v1 decisions on send_email from two distinct people of the `comms` role. */
export const twoReviewersAgent = graphWorkflow(
  createReactAgent({
    tools: [searchWebTool, sendEmailTool],
    interruptOn: { send_email: { allowedDecisions: ['approve', 'edit', 'reject'], approvers: { roles: ['comms'], quorum: 2 } } },
  }),
);

/** Tools whose schemas the user's project built, with zod/mini, zod 4 and a library of its own. */
export const userSchemaAgent = graphWorkflow(createReactAgent({ tools: [convertTemperatureTool, shoutTool, distanceTool] }));

/**
 * The payment agent's tool under LangChain v1 decisions with edits allowed (the shipped agent offers
 * none): from 500, a finance approver who is not the requester approves, edits or rejects.
 */
export const editablePaymentAgent = graphWorkflow(
  createReactAgent({
    tools: [payTool],
    interruptOn: {
      pay: {
        allowedDecisions: ['approve', 'edit', 'reject'],
        when: (p: { amount: number }) => p.amount >= FINANCE_APPROVAL_FROM,
        approvers: { roles: ['finance'], notRequester: true },
        description: (p: { amount: number; currency: string; payee: string }) => `Pay ${p.amount} ${p.currency} to ${p.payee}? A finance approver may lower the amount.`,
      },
    },
  }),
);

/** Every temperature conversion waits for a human, who may edit the number (Agent Inbox over HTTP). */
export const approvedTemperatureAgent = graphWorkflow(createReactAgent({ tools: [convertTemperatureTool], approval: { convert_temperature: 'always' } }));

/**
 * The shipped payment agent under a name only the operator CLI's HTTP test uses: the server's thread
 * search reads the state of every thread it lists, and another test file's threads, whose workers
 * are gone, would not answer.
 */
export const operatorPaymentAgent = graphWorkflow(paymentAgentGraph);
