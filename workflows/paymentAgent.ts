import { patched, proxyActivities } from '@temporalio/workflow';
import { z } from 'zod/v4';
import { createReactAgent, graphWorkflow, tool } from '../src/workflow';
import type { Payment, ShippedActivities } from '../activities';

// A payment call that hangs is given up after 10 s and retried (on another worker if this one died).
const { pay } = proxyActivities<ShippedActivities>({ startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 5, initialInterval: '1 second' } });

/** Payments of this amount or more (in any currency) wait for a finance approver who is not the requester. */
export const FINANCE_APPROVAL_FROM = 500;
/** Payments above this amount wait for two distinct finance approvers, neither of them the requester. */
export const SECOND_APPROVER_ABOVE = 10_000;

/** Pays once per tool call: the ledger key is the thread and the tool call id, not the activity attempt. */
export const payTool = tool({
  name: 'pay',
  description: `Pay a payee. Payments of ${FINANCE_APPROVAL_FROM} or more wait for a finance approver.`,
  schema: z.object({
    payee: z.string().min(1),
    amount: z.number().positive(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
    reference: z.string().min(1),
  }),
  execute: (payment, { toolCallId }) => pay(payment, { toolCallId }),
});

/**
 * Pays invoices: under 500 at once; from 500 to 10,000 after one `finance` approver who is not the
 * requester (the identity that invoked the agent) accepts; above 10,000 after two distinct ones.
 * An approver may accept, refuse with a reason (response) or ignore; a refusal decides at once.
 * Editing an amount is not offered.
 */
export const paymentAgentGraph = createReactAgent({
  tools: [payTool],
  prompt: 'You pay invoices with the pay tool. Never split a payment to avoid approval.',
  approval: {
    pay: {
      when: (p: Payment) => p.amount >= FINANCE_APPROVAL_FROM,
      config: { allow_edit: false },
      // Payments that waited before this policy shipped keep the answer they were given: patched()
      // is false while a thread replays a history recorded without the policy (test/replay).
      approvers: (p: Payment) =>
        patched('payment-approvers') ? { roles: ['finance'], notRequester: true, quorum: p.amount > SECOND_APPROVER_ABOVE ? 2 : 1 } : undefined,
      description: (p: Payment) =>
        `Payment of ${p.amount} ${p.currency} to ${p.payee} (reference ${p.reference}) is ${FINANCE_APPROVAL_FROM} or more: ` +
        `it waits for ${p.amount > SECOND_APPROVER_ABOVE ? 'two finance approvers' : 'a finance approver'}, not the requester. ` +
        'Accept to pay, respond with the reason to refuse, or ignore.',
    },
  },
});

export const paymentAgent = graphWorkflow(paymentAgentGraph);
