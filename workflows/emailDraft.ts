import { proxyActivities } from '@temporalio/workflow';
import { Annotation, Command, END, graphWorkflow, interrupt, START, StateGraph } from '../src/workflow';
import type { ShippedActivities } from '../activities';

const { sendEmail } = proxyActivities<ShippedActivities>({ startToCloseTimeout: '1 minute' });

/** An email as drafted, reviewed and sent. */
export interface Email {
  to: string;
  subject: string;
  body: string;
}

/** The reviewer's answer: send as drafted, send with an edited subject and/or body, or do not send. */
export type EmailDecision =
  | { type: 'approve' }
  | { type: 'edit'; subject?: string; body?: string }
  | { type: 'reject'; reason?: string };

/** Why an answer is not an EmailDecision, or undefined when it is one. */
export function checkDecision(answer: unknown): string | undefined {
  const d = answer as Partial<Record<string, unknown>> | null;
  if (typeof d !== 'object' || d === null || !['approve', 'edit', 'reject'].includes(d.type as string)) {
    return "send { type: 'approve' | 'edit' | 'reject' }";
  }
  if (d.type !== 'edit') return undefined;
  if (d.subject === undefined && d.body === undefined) return 'an edit needs a subject, a body or both';
  if ((d.subject !== undefined && typeof d.subject !== 'string') || (d.body !== undefined && typeof d.body !== 'string')) {
    return 'subject and body must be strings';
  }
  return undefined;
}

const State = Annotation.Root({
  to: Annotation<string>(),
  topic: Annotation<string>(),
  email: Annotation<Email>(),
  decision: Annotation<EmailDecision['type']>(),
  outcome: Annotation<string>(),
});

/** draft -> review (approve / edit / reject) -> send or cancel. */
export const emailDraftGraph = new StateGraph(State)
  .addNode('draft', async (s) => ({
    email: { to: s.to, subject: `About ${s.topic}`, body: `Hello,\n\nI would like to talk about ${s.topic}. Are you free this week?\n\nBest regards` },
  }))
  .addNode(
    'review',
    async (s) => {
      const decision = await interrupt<EmailDecision>({ question: 'Send this email?', email: s.email }, { validate: checkDecision });
      if (decision.type === 'reject') return new Command({ goto: 'cancel', update: { decision: decision.type } });
      const email = decision.type === 'edit' ? { ...s.email, subject: decision.subject ?? s.email.subject, body: decision.body ?? s.email.body } : s.email;
      return new Command({ goto: 'send', update: { decision: decision.type, email } });
    },
    { ends: ['send', 'cancel'] },
  )
  .addNode('send', async (s) => ({ outcome: await sendEmail(s.email) }))
  .addNode('cancel', async () => ({ outcome: 'not sent' }))
  .addEdge(START, 'draft')
  .addEdge('draft', 'review')
  .addEdge('send', END)
  .addEdge('cancel', END)
  .compile();

export const emailDraft = graphWorkflow(emailDraftGraph);
