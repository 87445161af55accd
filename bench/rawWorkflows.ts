// The raw Temporal side of the bench: hand-written workflows doing the same work as the graphs in
// graphWorkflows.ts (update-with-start, then an Update per answer), the floor durable-graph is
// measured against.
import { allHandlersFinished, condition, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { ShippedActivities } from '../activities';
import { rawAnswer, rawBegin, type BenchActivities, type RawView } from './shared';

const { deleteAccounts } = proxyActivities<ShippedActivities>({ startToCloseTimeout: '1 minute' });
const { tick } = proxyLocalActivities<BenchActivities>({ startToCloseTimeout: '10 seconds' });

/**
 * The wiring every raw workflow shares: `rawBegin` starts the work, `rawAnswer` answers the question
 * it waits on; both return once the workflow waits again or has finished.
 */
function rawThread(values: Record<string, unknown>) {
  let question: string | undefined;
  let answer: string | undefined;
  let changed = 0;
  let done = false;
  const view = (): RawView => ({ values: { ...values }, ...(question ? { waitingFor: question } : {}) });
  const settled = async (since: number) => {
    await condition(() => done || (question !== undefined && changed > since));
    return view();
  };
  let begun: { steps?: number } | undefined;
  setHandler(rawBegin, (input) => {
    begun = input;
    return settled(changed);
  });
  setHandler(rawAnswer, (text) => {
    answer = text;
    question = undefined;
    return settled(++changed);
  }, {
    validator: (_text: string) => {
      if (question === undefined) throw new Error('nothing to answer');
    },
  });
  return {
    values,
    async begin(): Promise<{ steps?: number }> {
      await condition(() => begun !== undefined);
      return begun!;
    },
    async ask(text: string): Promise<string> {
      answer = undefined;
      question = text;
      changed++;
      await condition(() => answer !== undefined);
      return answer!;
    },
    async finish(): Promise<RawView> {
      done = true;
      await condition(allHandlersFinished);
      return view();
    },
  };
}

/** plan → wait for approval → run the activity, as the approval gate graph. */
export async function rawApprovalGate(): Promise<RawView> {
  const thread = rawThread({ action: 'Delete 1,432 inactive user accounts', log: [] });
  await thread.begin();
  const approved = (await thread.ask('Approve this action?')) === 'approve';
  thread.values.approved = approved;
  thread.values.log = [approved ? await deleteAccounts({ description: String(thread.values.action) }) : 'rejected'];
  return thread.finish();
}

/** Three questions in a row. */
export async function rawAskThrice(): Promise<RawView> {
  const thread = rawThread({});
  await thread.begin();
  const answers: string[] = [];
  for (const question of ['first?', 'second?', 'third?']) answers.push(await thread.ask(question));
  thread.values.answers = answers;
  return thread.finish();
}

/** Counts to `steps` in memory. */
export async function rawPureSteps(): Promise<RawView> {
  return countSteps((count) => Promise.resolve(count + 1));
}

/** Counts to `steps`, one local activity per step. */
export async function rawActivitySteps(): Promise<RawView> {
  return countSteps(tick);
}

/** Counts to the `steps` the start asks for, one `step` at a time. */
async function countSteps(step: (count: number) => Promise<number>): Promise<RawView> {
  const thread = rawThread({ count: 0 });
  const { steps = 0 } = await thread.begin();
  let count = 0;
  for (let i = 0; i < steps; i++) count = await step(count);
  thread.values.count = count;
  return thread.finish();
}
