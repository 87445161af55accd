// The two systems the bench compares, driven the way their users drive them: durable-graph through
// GraphClient, the raw workflows through Temporal's own client. Each call checks its result, so a
// system that got faster by doing less would fail here rather than win.
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { Command, GraphClient } from '../src';
import { rawAnswer, rawBegin, type RawView } from './shared';

export type SystemKey = 'raw' | 'graph';

export interface BenchSystem {
  key: SystemKey;
  label: string;
  taskQueue: string;
  /** Starts an approval gate thread; resolves once it waits for the approval. */
  gateStart(threadId: string): Promise<void>;
  /** Approves it; resolves once the activity ran and the thread finished. */
  gateResume(threadId: string): Promise<void>;
  /** Starts a thread whose one node asks three questions; resolves at the first. */
  askStart(threadId: string): Promise<void>;
  /** Answers the question waiting (the `n`th, from 1); resolves at the next question or the end. */
  askAnswer(threadId: string, n: number): Promise<void>;
  /** Runs `steps` steps in one call, pure or each with one local activity. */
  steps(kind: 'pure' | 'activity', threadId: string, steps: number): Promise<void>;
  temporal: Client;
  close(): Promise<void>;
}

function expectThat(ok: boolean, what: string, got: unknown): void {
  if (!ok) throw new Error(`bench: expected ${what}, got ${JSON.stringify(got)}`);
}

export async function rawSystem(address: string, taskQueue: string): Promise<BenchSystem> {
  const connection = await Connection.connect({ address });
  const temporal = new Client({ connection });
  const begin = (type: string, workflowId: string, steps?: number) =>
    temporal.workflow.executeUpdateWithStart(rawBegin, {
      args: [{ steps }],
      startWorkflowOperation: new WithStartWorkflowOperation(type, { workflowId, taskQueue, workflowIdConflictPolicy: 'FAIL' }),
    });
  const answer = (workflowId: string, text: string): Promise<RawView> => temporal.workflow.getHandle(workflowId).executeUpdate(rawAnswer, { args: [text] });
  return {
    key: 'raw',
    label: 'raw Temporal',
    taskQueue,
    temporal,
    async gateStart(id) {
      const view = await begin('rawApprovalGate', id);
      expectThat(view.waitingFor === 'Approve this action?', 'the approval question', view);
    },
    async gateResume(id) {
      const view = await answer(id, 'approve');
      expectThat(view.values.approved === true && (view.values.log as string[]).length === 1, 'an approved, executed gate', view);
    },
    async askStart(id) {
      const view = await begin('rawAskThrice', id);
      expectThat(view.waitingFor === 'first?', 'the first question', view);
    },
    async askAnswer(id, n) {
      const view = await answer(id, `answer ${n}`);
      expectThat(n === 3 ? (view.values.answers as string[])?.length === 3 : view.waitingFor !== undefined, `after answer ${n}`, view);
    },
    async steps(kind, id, steps) {
      const view = await begin(kind === 'pure' ? 'rawPureSteps' : 'rawActivitySteps', id, steps);
      expectThat(view.values.count === steps, `count ${steps}`, view);
    },
    close: () => connection.close(),
  };
}

export async function graphSystem(address: string, taskQueue: string): Promise<BenchSystem> {
  const client = await GraphClient.connect({ address, taskQueue });
  const config = (threadId: string, recursionLimit?: number) => ({ configurable: { thread_id: threadId }, ...(recursionLimit ? { recursionLimit } : {}) });
  const interruptOf = (result: Record<string, unknown>) => (result.__interrupt__ as Array<{ value: { question: string } }> | undefined)?.[0]?.value.question;
  return {
    key: 'graph',
    label: 'durable-graph',
    taskQueue,
    temporal: client.temporal,
    async gateStart(id) {
      const result = await client.graph('approvalGate').invoke({ action: '' }, config(id));
      expectThat(interruptOf(result) === 'Approve this action?', 'the approval question', result);
    },
    async gateResume(id) {
      const result = await client.graph('approvalGate').invoke(new Command({ resume: 'approve' }), config(id));
      expectThat(result.approved === true && (result.log as string[]).length === 1 && !result.__interrupt__, 'an approved, executed gate', result);
    },
    async askStart(id) {
      const result = await client.graph('askThrice').invoke({}, config(id));
      expectThat(interruptOf(result) === 'first?', 'the first question', result);
    },
    async askAnswer(id, n) {
      const result = await client.graph('askThrice').invoke(new Command({ resume: `answer ${n}` }), config(id));
      expectThat(n === 3 ? (result.answers as string[])?.length === 3 : interruptOf(result) !== undefined, `after answer ${n}`, result);
    },
    async steps(kind, id, steps) {
      const result = await client.graph(kind === 'pure' ? 'pureSteps' : 'activitySteps').invoke({ target: steps }, config(id, steps + 1));
      expectThat(result.count === steps, `count ${steps}`, result);
    },
    close: () => client.close(),
  };
}

/** Connects to one system by its key. */
export function connectSystem(key: SystemKey, address: string, taskQueue: string): Promise<BenchSystem> {
  return key === 'raw' ? rawSystem(address, taskQueue) : graphSystem(address, taskQueue);
}
