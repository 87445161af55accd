import type { Message } from '../graph/messages';
import { contentText } from '../testing/openaiWire';
import { lastMessage, whenToolResult, whenUserSays } from '../testing/scriptedRules';
import type { ScriptedRule } from '../testing/scriptedTypes';

/** One thread of a shipped agent that the main job starts, with what the user asks it. */
export interface DemoThread {
  graph: string;
  threadId: string;
  prompt: string;
}

export const DEMO_THREADS: DemoThread[] = [
  { graph: 'emailAgent', threadId: 'demo-email', prompt: 'Tell sam@example.com what the Q3 roadmap says.' },
  { graph: 'recordsAgent', threadId: 'demo-records', prompt: 'Clean out the inactive users.' },
  { graph: 'paymentAgent', threadId: 'demo-payments', prompt: 'Pay this week\'s invoices: Globex 120 EUR, Initech 5000 EUR.' },
  { graph: 'opsAgent', threadId: 'demo-ops', prompt: 'Search is slow and over-provisioned: fix it.' },
  { graph: 'prReviewAgent', threadId: 'demo-pr', prompt: 'Review acme/api:\n+import _ from "lodash";\n export function parseConfig() {}' },
];

const call = (name: string, args: Record<string, unknown>) => ({ name, args });

/** Ends a turn by telling the user what the last tool said (ran, was edited, answered or skipped). */
const report = (toolName: string): ScriptedRule =>
  whenToolResult(toolName, (request) => ({ content: `Done. ${toolName}: ${contentText(lastMessage(request)?.content)}` }));

/**
 * The canned model the main job uses when no OpenAI key is set: it answers each demo prompt with
 * the tool calls a real model would make, so every approval path can be tried offline.
 */
export const DEMO_MODEL_RULES: ScriptedRule[] = [
  whenUserSays('Q3 roadmap', { toolCalls: [call('search_web', { query: 'acme Q3 roadmap' })] }),
  whenToolResult('search_web', {
    toolCalls: [call('send_email', { to: 'sam@example.com', subject: 'Q3 roadmap', body: 'Hi Sam, the Q3 roadmap: dark mode, SSO and the new billing page.' })],
  }),
  report('send_email'),
  whenUserSays('inactive users', { toolCalls: [call('count_records', { table: 'users', where: "status = 'inactive'" })] }),
  whenToolResult('count_records', { toolCalls: [call('delete_records', { table: 'users', where: "last_login < '2025-01-01'" })] }),
  report('delete_records'),
  whenUserSays('invoices', {
    toolCalls: [
      call('pay', { payee: 'Globex', amount: 120, currency: 'EUR', reference: 'INV-120' }),
      call('pay', { payee: 'Initech', amount: 5000, currency: 'EUR', reference: 'INV-5000' }),
    ],
  }),
  report('pay'),
  whenUserSays('Search is slow', { toolCalls: [call('restart_service', { service: 'search' }), call('scale_down', { service: 'search', replicas: 2 })] }),
  report('scale_down'),
  report('restart_service'),
  whenUserSays('Review acme/api', { toolCalls: [call('propose_changes', { changes: ['Remove the unused lodash import', 'Add a test for parseConfig'] })] }),
  whenToolResult('propose_changes', { toolCalls: [call('apply_changes', { repo: 'acme/api' })] }),
  report('apply_changes'),
];

/** Who starts the demo threads: the payment agent's requester. */
export const DEMO_REQUESTER = { id: 'riley', name: 'Riley (requester)', roles: ['operations'] };
/** Who answers in the terminal inbox: a finance approver, so payments of 500 or more can be approved. */
export const DEMO_APPROVER = { id: 'fran', name: 'Fran (finance)', roles: ['finance', 'operations', 'engineering'] };

/** The user turn that starts a demo thread. */
export function demoInput(thread: DemoThread): { messages: Message[] } {
  return { messages: [{ role: 'user', content: thread.prompt }] };
}
