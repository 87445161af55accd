import { Command } from '../../src';

/** One step of a recorded conversation: a Command, a continue (null), or a state edit. */
export type ScenarioStep = Command | null | { updateState: Record<string, unknown>; asNode?: string };

/** A thread of a shipped graph driven to its first pause, then to the end. */
export interface Scenario {
  graph: string;
  input: Record<string, unknown>;
  steps: ScenarioStep[];
}

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
];
