import { createReactAgent, graphWorkflow } from '../src/workflow';
import { searchWebTool, sendEmailTool } from './emailAgent';

/**
 * The email agent in LangChain v1's HITL vocabulary: every send_email waits for a decision
 * (approve, edit, reject or respond); a search that carries an email address asks first, and may
 * only be approved or rejected.
 */
export const emailAgentV1Graph = createReactAgent({
  tools: [sendEmailTool, searchWebTool],
  prompt: 'You help the user research topics and write emails. Use search_web to look things up and send_email to send.',
  interruptOn: {
    send_email: {
      allowedDecisions: ['approve', 'edit', 'reject', 'respond'],
      description: (e: { to: string; subject: string }) => `Send this email to ${e.to} with the subject "${e.subject}"?`,
      argsSchema: sendEmailTool.parameters,
    },
    search_web: {
      allowedDecisions: ['approve', 'reject'],
      description: (s: { query: string }) => `Search the web for "${s.query}"? It names an email address.`,
      when: (s: { query: string }) => s.query.includes('@'),
    },
  },
});

export const emailAgentV1 = graphWorkflow(emailAgentV1Graph);
