import { condition, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import { Annotation, END, getCurrentState, graphWorkflow, interrupt, Send, START, StateGraph } from '../../src/workflow';
import type { SemanticsActivities } from './semanticsActivities';
import type { DurabilityActivities } from './durabilityActivities';
import type { ShippedActivities } from '../../activities';

export const deliverMessage = defineSignal<[string]>('deliverMessage');
export const waitingQuery = defineQuery<boolean>('waiting');

/** The smallest thing the harness must run: a workflow that waits for a message and returns it. */
export async function awaitMessage(greeting: string): Promise<string> {
  let message: string | undefined;
  setHandler(deliverMessage, (m) => void (message = m));
  setHandler(waitingQuery, () => message === undefined);
  await condition(() => message !== undefined);
  return `${greeting}, ${message}`;
}

// ---- small graphs that pin down the runtime's semantics (test/e2e/semantics) ----------------

const probes = proxyActivities<SemanticsActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 1 } });

const appendLog = Annotation<string[], string[]>({ reducer: (a, b) => a.concat(b), default: () => [] });

/** ask: one node asking twice (name, then role), then a note seen through getCurrentState(). */
export const askTwice = graphWorkflow(
  new StateGraph(
    Annotation.Root({ name: Annotation<unknown>(), role: Annotation<unknown>(), note: Annotation<string>(), seenNote: Annotation<string>(), log: appendLog }),
  )
    .addNode('ask', async () => {
      await probes.touch('before-ask');
      const name = await interrupt({ question: 'name?' });
      const role = await interrupt({ question: 'role?' });
      return { name, role, seenNote: getCurrentState<{ note?: string }>().note, log: ['asked'] };
    })
    .addNode('after', async () => ({ log: ['after'] }))
    .addEdge(START, 'ask')
    .addEdge('ask', 'after')
    .addEdge('after', END)
    .compile(),
);

/** Two branches that each wait, a sibling that does not, joined by c. */
export const parallelAsk = graphWorkflow(
  new StateGraph(Annotation.Root({ a: Annotation<unknown>(), b: Annotation<unknown>(), log: appendLog }))
    .addNode('askA', async () => ({ a: await interrupt('a?'), log: ['a'] }))
    .addNode('askB', async () => ({ b: await interrupt('b?'), log: ['b'] }))
    .addNode('quiet', async () => ({ log: ['quiet'] }))
    .addNode('c', async () => ({ log: ['c'] }))
    .addEdge(START, 'askA')
    .addEdge(START, 'askB')
    .addEdge(START, 'quiet')
    .addEdge(['askA', 'askB', 'quiet'], 'c')
    .addEdge('c', END)
    .compile(),
);

/** approve -> act: act calls an activity that the test can make fail. */
export const failAfterAnswer = graphWorkflow(
  new StateGraph(Annotation.Root({ answer: Annotation<unknown>(), result: Annotation<string>() }))
    .addNode('act', async () => {
      const answer = await interrupt('go?');
      return { answer, result: await probes.mayFail(String(answer)) };
    })
    .addEdge(START, 'act')
    .addEdge('act', END)
    .compile(),
);

/** Counts to `target`, one superstep per increment. */
export const counter = graphWorkflow(
  new StateGraph(Annotation.Root({ count: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }), target: Annotation<number>() }))
    .addNode('inc', async () => ({ count: 1 }))
    .addConditionalEdges('inc', (s) => (s.count >= s.target ? END : 'inc'))
    .addEdge(START, 'inc')
    .compile(),
);

/** A slow node (the activity sleeps), to hold a thread busy. */
export const slow = graphWorkflow(
  new StateGraph(Annotation.Root({ ms: Annotation<number>(), log: appendLog }))
    .addNode('work', async (s) => ({ log: [await probes.sleepFor(s.ms)] }))
    .addEdge(START, 'work')
    .addEdge('work', END)
    .compile(),
);

/** A quick node, then one inside an activity the test holds (a gate), then a question: for live streaming. */
export const liveStream = graphWorkflow(
  new StateGraph(Annotation.Root({ gate: Annotation<string>(), log: appendLog }))
    .addNode('first', async (_s, ctx) => {
      ctx.writer?.({ progress: 'first done' });
      return { log: ['first'] };
    })
    .addNode('held', async (s) => ({ log: [await probes.waitForGate(s.gate)] }))
    .addNode('ask', async () => ({ log: [`answer: ${String(await interrupt('go on?'))}`] }))
    .addEdge(START, 'first')
    .addEdge('first', 'held')
    .addEdge('held', 'ask')
    .addEdge('ask', END)
    .compile(),
);

/** A payment that waits for approvers (finance, not the requester, `quorum` of them): for governance. */
export const approvedPayment = graphWorkflow(
  new StateGraph(
    Annotation.Root({
      amount: Annotation<number>(),
      quorum: Annotation<number>(),
      requestedBy: Annotation<string>(),
      decision: Annotation<unknown>(),
      approvedBy: Annotation<string>(),
    }),
  )
    .addNode('request', async (_s, ctx) => ({ requestedBy: ctx.identity.id }))
    .addNode('approve', async (s, ctx) => ({
      decision: await interrupt({ question: `Pay ${s.amount}?` }, { approvers: { roles: ['finance'], notRequester: true, quorum: s.quorum ?? 1 } }),
      approvedBy: ctx.identity.id,
    }))
    .addEdge(START, 'request')
    .addEdge('request', 'approve')
    .addEdge('approve', END)
    .compile(),
);

/**
 * A payment whose approval has deadlines (all in ms from the input): a reminder (its hook calls an
 * activity), an escalation to directors, and a timeout that rejects (or fails the node).
 */
export const deadlinePayment = graphWorkflow(
  new StateGraph(
    Annotation.Root({
      amount: Annotation<number>(),
      remindMs: Annotation<number>(),
      escalateMs: Annotation<number>(),
      timeoutMs: Annotation<number>(),
      failOnTimeout: Annotation<boolean>(),
      decision: Annotation<unknown>(),
      approvedBy: Annotation<string>(),
    }),
  )
    .addNode('approve', async (s, ctx) => ({
      decision: await interrupt(
        { question: `Pay ${s.amount}?` },
        {
          approvers: { roles: ['finance'], notRequester: true },
          ...(s.remindMs ? { reminders: [{ after: s.remindMs, run: async (w) => probes.touch(`reminder:${w.interruptId}:${w.requester?.id}`) }] } : {}),
          ...(s.escalateMs
            ? { escalate: { after: s.escalateMs, approvers: { roles: ['director'] }, run: async (w) => probes.touch(`escalated:${w.interruptId}:${JSON.stringify(w.approvers)}`) } }
            : {}),
          ...(s.timeoutMs ? { timeout: s.timeoutMs, onTimeout: s.failOnTimeout ? { error: 'nobody approved in time' } : { answer: 'reject' } } : {}),
        },
      ),
      approvedBy: ctx.identity.id,
    }))
    .addEdge(START, 'approve')
    .addEdge('approve', END)
    .compile(),
);

/** A multi-turn chat whose workflow closes after 1 s idle: each turn appends; `ask` asks a question first. */
export const idleChat = graphWorkflow(
  new StateGraph(Annotation.Root({ turn: Annotation<string>(), ask: Annotation<boolean>(), log: appendLog }))
    .addNode('reply', async (s) => ({ log: [s.ask ? `${s.turn}: ${String(await interrupt(`about ${s.turn}?`))}` : `reply to ${s.turn}`] }))
    .addEdge(START, 'reply')
    .addEdge('reply', END)
    .compile(),
  { idleTtl: '1 second' },
);

/** interrupt() with a value JSON cannot hold fails the node, naming it. */
export const badInterrupt = graphWorkflow(
  new StateGraph(Annotation.Root({ x: Annotation<number>() }))
    .addNode('odd', async () => ({ x: await interrupt({ when: new Date(0) }) }))
    .addEdge(START, 'odd')
    .addEdge('odd', END)
    .compile(),
);

/** Counts to `target` with one activity per superstep, so every step grows the history. */
export const activityCounter = graphWorkflow(
  new StateGraph(Annotation.Root({ count: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }), target: Annotation<number>() }))
    .addNode('inc', async () => ({ count: await probes.one() }))
    .addConditionalEdges('inc', (s) => (s.count >= s.target ? END : 'inc'))
    .addEdge(START, 'inc')
    .compile(),
);

const durable = proxyActivities<DurabilityActivities>({ startToCloseTimeout: '4 seconds', retry: { initialInterval: '200 ms' } });

/** reserve (an effect) then wait for a human, then a slow effect: for killing workers at each point. */
export const durableJob = graphWorkflow(
  new StateGraph(Annotation.Root({ ms: Annotation<number>(), confirmed: Annotation<unknown>(), log: appendLog }))
    .addNode('prepare', async () => {
      const reserved = await durable.reserve('seat');
      return { confirmed: await interrupt({ question: 'confirm?', reserved }), log: [reserved] };
    })
    .addNode('execute', async (s) => ({ log: [await durable.slowEffect(s.ms)] }))
    .addEdge(START, 'prepare')
    .addEdge('prepare', 'execute')
    .addEdge('execute', END)
    .compile(),
);

const shipped = proxyActivities<ShippedActivities>({ startToCloseTimeout: '1 minute' });

/** approvalGate with an activity added to `plan`: replaying approvalGate's histories with it must fail. */
export const approvalGateChanged = graphWorkflow(
  new StateGraph(Annotation.Root({ action: Annotation<string>(), approved: Annotation<boolean>(), log: appendLog }))
    .addNode('plan', async () => ({ action: 'Delete 1,432 inactive user accounts', log: [await shipped.sendEmail({ to: 'ops', subject: 'planning', body: '' })] }))
    .addNode('approve', async (s) => ({ approved: (await interrupt({ question: 'Approve this action?', planned_action: s.action })) === 'approve' }))
    .addNode('execute', async () => ({}))
    .addEdge(START, 'plan')
    .addEdge('plan', 'approve')
    .addEdge('approve', 'execute')
    .addEdge('execute', END)
    .compile(),
);

/** One node asking two questions at once; answering the first with 'boom' makes the node throw. */
export const twoAtOnce = graphWorkflow(
  new StateGraph(Annotation.Root({ out: Annotation<unknown[]>() }))
    .addNode('both', async () => {
      const answers = await Promise.all([
        interrupt('a?').then((x) => {
          if (x === 'boom') throw new Error('the first answer broke the node');
          return x;
        }),
        interrupt('b?'),
      ]);
      return { out: answers };
    })
    .addEdge(START, 'both')
    .addEdge('both', END)
    .compile(),
);

/** A compiled graph called inside a node: its question surfaces on the parent thread. */
const reviewSubgraph = new StateGraph(Annotation.Root({ draft: Annotation<string>(), verdict: Annotation<string>() }))
  .addNode('review', async (s) => ({ verdict: String(await interrupt({ question: 'Approve the draft?', draft: s.draft })) }))
  .addEdge(START, 'review')
  .addEdge('review', END)
  .compile();

export const withSubgraph = graphWorkflow(
  new StateGraph(Annotation.Root({ draft: Annotation<string>(), verdict: Annotation<string>(), log: appendLog }))
    .addNode('write', async () => ({ draft: 'v1', log: ['write'] }))
    .addNode('delegate', async (s, ctx) => {
      const child = await reviewSubgraph.invoke({ draft: s.draft }, ctx);
      return { verdict: child.verdict, log: ['delegate'] };
    })
    .addEdge(START, 'write')
    .addEdge('write', 'delegate')
    .addEdge('delegate', END)
    .compile(),
);

/** Map-reduce: one Send per item to a worker node whose activity fails once; the node's retry policy recovers. */
export const fanOut = graphWorkflow(
  new StateGraph(Annotation.Root({ items: Annotation<string[]>(), results: appendLog, summary: Annotation<string>() }))
    .addNode('split', async () => ({}))
    .addNode('work', async (item: unknown) => ({ results: [await probes.flakyOnce(String(item))] }), {
      retryPolicy: { maxAttempts: 2, initialInterval: 10 },
    })
    .addNode('join', async (s) => ({ summary: [...s.results].sort().join(',') }))
    .addEdge(START, 'split')
    .addConditionalEdges('split', (s) => s.items.map((item) => new Send('work', item)))
    .addEdge('work', 'join')
    .addEdge('join', END)
    .compile(),
);

/** A question with a deadline: unanswered after 2 s it gives 'auto-reject'; `strict` throws instead. */
export const timedApproval = graphWorkflow(
  new StateGraph(Annotation.Root({ strict: Annotation<boolean>(), answer: Annotation<unknown>() }))
    .addNode('ask', async (s) => ({
      answer: await interrupt('approve?', s.strict ? { timeout: '2 seconds', onTimeout: { error: 'nobody approved in time' } } : { timeout: '2 seconds', onTimeout: { answer: 'auto-reject' } }),
    }))
    .addEdge(START, 'ask')
    .addEdge('ask', END)
    .compile(),
);
