import { Command } from '../../src';
import type { Identity } from '../../src/engine/identity';
import { contentText, lastMessage, whenToolResult, whenUserSays, type ScriptedRule } from '../../src/testing';

/** One step of a recorded conversation: a Command, a continue (null), or a state edit. */
export type ScenarioStep = Command | null | { updateState: Record<string, unknown>; asNode?: string };

/** A thread of a shipped graph driven to its first pause, then to the end. */
export interface Scenario {
  graph: string;
  input: Record<string, unknown>;
  steps: ScenarioStep[];
  /** For agents: how the scripted model answers this scenario's thread. */
  model?: ScriptedRule[];
  /** Who sends the steps, when the graph restricts who may answer (anonymous otherwise). */
  answeredBy?: Identity;
}

const accept = new Command({ resume: { type: 'accept', args: null } });
const user = (content: string) => ({ messages: [{ role: 'user', content }] });
const oneCall = (name: string, args: Record<string, unknown>) => ({ toolCalls: [{ name, args }] });
const reportTool = (name: string) =>
  whenToolResult(name, (request) => {
    const last = lastMessage(request);
    return { content: `Done: ${last?.role === 'tool' ? contentText(last.content) : ''}` };
  });

const resume = (value: unknown) => new Command({ resume: value });

/** One scenario per shipped graph; test/replay/record.ts turns each into a paused and a finished history. */
export const scenarios: Scenario[] = [
  { graph: 'approvalGate', input: { action: '' }, steps: [resume('approve')] },
  { graph: 'approveOrReject', input: { action: 'Rotate the API keys' }, steps: [resume('reject')] },
  { graph: 'breakpoints', input: {}, steps: [null, null] },
  { graph: 'emailDraft', input: { to: 'sam@example.com', topic: 'the Q3 roadmap' }, steps: [resume({ type: 'approve' })] },
  { graph: 'multiInterrupt', input: { mode: 'contact' }, steps: [resume('Ada'), resume('ada@example.com')] },
  { graph: 'nodeInterruptFlag', input: { amount: 250 }, steps: [{ updateState: { flag: true } }, null] },
  { graph: 'prReview', input: { repo: 'acme/api' }, steps: [{ updateState: { changes: ['Rename the handler'] } }, resume('approve')] },
  { graph: 'reviewAndEdit', input: { title: 'Dark Mode' }, steps: [resume('Dark mode ships on Monday.')] },
  { graph: 'staleGuard', input: { target: 'docs/README.md', change: 'Fix the typo in the title' }, steps: [resume('approve')] },
  { graph: 'validationLoop', input: {}, steps: [resume('abc'), resume(42)] },
  {
    graph: 'emailAgent',
    input: user('Email Ada about the launch'),
    steps: [accept],
    model: [
      whenUserSays('Email Ada about the launch', oneCall('send_email', { to: 'ada@example.com', subject: 'Launch', body: 'Monday.' })),
      reportTool('send_email'),
    ],
  },
  {
    graph: 'emailAgentV1',
    input: user('Email Bob about the launch'),
    steps: [resume({ decisions: [{ type: 'edit', editedAction: { name: 'send_email', args: { to: 'bob@example.com', subject: 'Launch', body: 'Tuesday.' } } }] })],
    model: [
      whenUserSays('Email Bob about the launch', oneCall('send_email', { to: 'bob@example.com', subject: 'Launch', body: 'Monday.' })),
      reportTool('send_email'),
    ],
  },
  {
    graph: 'recordsAgent',
    input: user('Delete inactive users'),
    steps: [accept],
    model: [whenUserSays('Delete inactive users', oneCall('delete_records', { table: 'users', where: "last_login < '2020-01-01'" })), reportTool('delete_records')],
  },
  {
    graph: 'paymentAgent',
    input: user('Pay Initech 5000 EUR'),
    steps: [accept],
    // Between 500 and 10,000 the payment agent takes one finance approver who is not the requester.
    answeredBy: { id: 'fran', roles: ['finance'] },
    model: [
      whenUserSays('Pay Initech 5000 EUR', oneCall('pay', { payee: 'Initech', amount: 5000, currency: 'EUR', reference: 'INV-5000' })),
      reportTool('pay'),
    ],
  },
  {
    graph: 'opsAgent',
    input: user('Scale search down to one replica'),
    steps: [accept],
    model: [whenUserSays('Scale search down to one replica', oneCall('scale_down', { service: 'search', replicas: 1 })), reportTool('scale_down')],
  },
  {
    graph: 'prReviewAgent',
    input: user('Review acme/api:\ndiff --git a/src/config.ts b/src/config.ts\n+import _ from "lodash";'),
    steps: [{ updateState: { proposals: ['Remove the unused lodash import', 'Add a test'] } }, accept],
    model: [
      whenUserSays('Review acme/api', oneCall('propose_changes', { changes: ['Remove the unused lodash import'] })),
      whenToolResult('propose_changes', oneCall('apply_changes', { repo: 'acme/api' })),
      reportTool('apply_changes'),
    ],
  },
];
