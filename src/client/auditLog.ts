// The audit log of a thread, read from Temporal's own event history: every request the thread
// accepted is an accepted Update there, with its sender, its time and its arguments, in every run
// of the thread (continue-as-new chains them). Nothing is kept twice, nothing is truncated while
// Temporal retains the history, and no worker is needed to read it.
import type { Client } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import type { temporal } from '@temporalio/proto';
import { isCommand } from '../engine/command';
import { ANONYMOUS, SYSTEM_ID, type Approvers, type Identity } from '../engine/identity';
import type { Values } from '../engine/state';
import { operatorAnswerRequest } from '../runtime/operatorAnswer';
import {
  answerUpdate,
  isIdMap,
  REOPENED_FROM_MEMO,
  runUpdate,
  SYSTEM_DECISION_MEMO,
  updateStateUpdate,
  type RequestOutcome,
  type SystemDecision,
  type ThreadErrorInfo,
  type ThreadRequest,
  type ThreadStatus,
} from '../runtime/protocol';

/** One accepted request, as an auditor reads it. */
export interface AuditEntry {
  /** When the thread accepted it (ISO 8601). */
  at: string;
  by: Identity;
  /**
   * input: new input; resume: an answer; continue: invoke(null) or a Command without an answer;
   * updateState; and the thread's own decisions, by `system`: timeout (nobody answered in time),
   * reminder (a reminder's hook ran), escalation (the approvers were widened).
   */
  kind: 'input' | 'resume' | 'continue' | 'updateState' | SystemDecision['kind'];
  requestId: string;
  /** The interrupts an answer was sent for (by id), when the client bound it to them. */
  interruptIds?: string[];
  answer?: unknown;
  /** New input, updateState values, or a Command's update. */
  values?: Values;
  asNode?: string;
  goto?: unknown;
  /** A timeout: whether it answered (the interrupt's onTimeout.answer) or failed the node. */
  decision?: SystemDecision['decision'];
  /** A reminder: which of the interrupt's reminders (from 0). */
  reminder?: number;
  /** An escalation: who may answer from then on. */
  approvers?: Approvers;
  /** A request sent from a past checkpoint (a fork). */
  checkpointId?: string;
  /** Where the request left the thread, once it finished; `error` when it was refused at its turn or the run failed. */
  outcome?: { status: ThreadStatus; error?: ThreadErrorInfo };
  /** The run of the thread's workflow whose history holds it. */
  runId: string;
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** Every accepted request of the thread, oldest first, across all its runs; none for a thread that never ran. */
export async function readAuditLog(client: Client, threadId: string): Promise<AuditEntry[]> {
  const runs = await runsOldestFirst(client, threadId);
  const entries: AuditEntry[] = [];
  for (const { runId, events } of runs) entries.push(...(await entriesOf(client, runId, events)));
  return entries;
}

/** The thread's runs, from the first: each run's start names the run it continued. */
async function runsOldestFirst(client: Client, threadId: string): Promise<Array<{ runId: string; events: HistoryEvent[] }>> {
  const runs: Array<{ runId: string; events: HistoryEvent[] }> = [];
  const converter = client.workflow.options.loadedDataConverter;
  let handle = client.workflow.getHandle(threadId);
  let runId = (await handle.describe()).runId;
  for (;;) {
    handle = client.workflow.getHandle(threadId, runId);
    const events = (await handle.fetchHistory()).events ?? [];
    runs.unshift({ runId, events });
    const started = events[0]?.workflowExecutionStartedEventAttributes;
    const reopenedFrom = started?.memo?.fields?.[REOPENED_FROM_MEMO];
    // A run continues the one before it (continue-as-new) or reopens a thread closed for idleness.
    const previous = started?.continuedExecutionRunId || (reopenedFrom ? ((await decodeArrayFromPayloads(converter, [reopenedFrom])) as [string])[0] : undefined);
    if (!previous) return runs;
    runId = previous;
  }
}

const AUDITED = new Set([runUpdate.name, updateStateUpdate.name, answerUpdate.name]);

async function entriesOf(client: Client, runId: string, events: HistoryEvent[]): Promise<AuditEntry[]> {
  const converter = client.workflow.options.loadedDataConverter;
  const outcomes = new Map<string, temporal.api.update.v1.IOutcome>();
  for (const e of events) {
    const completed = e.workflowExecutionUpdateCompletedEventAttributes;
    if (completed?.meta?.updateId && completed.outcome) outcomes.set(completed.meta.updateId, completed.outcome);
  }
  const entries: AuditEntry[] = [];
  for (const e of events) {
    const decided = e.workflowPropertiesModifiedEventAttributes?.upsertedMemo?.fields?.[SYSTEM_DECISION_MEMO];
    if (decided) {
      const [decision] = (await decodeArrayFromPayloads(converter, [decided])) as [SystemDecision];
      entries.push({ at: timeOf(e), ...describeDecision(decision, Number(e.eventId)), runId });
      continue;
    }
    const accepted = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
    const name = accepted?.input?.name;
    if (!accepted || !name || !AUDITED.has(name)) continue;
    const [argument] = await decodeArrayFromPayloads(converter, accepted.input?.args?.payloads);
    // An operator's answer (durable-graph.answer) was accepted, so it has the shape of one.
    const request = name === answerUpdate.name ? operatorAnswerRequest(argument, accepted.meta?.updateId ?? '', '') : (argument as ThreadRequest);
    const at = timeOf(e);
    const done = outcomes.get(request.requestId);
    const outcome = done?.success ? ((await decodeArrayFromPayloads(converter, done.success.payloads)) as [RequestOutcome])[0] : undefined;
    entries.push({
      at,
      ...describe(request),
      ...(outcome ? { outcome: { status: outcome.status, ...(outcome.error ? { error: outcome.error } : {}) } } : {}),
      runId,
    });
  }
  return entries;
}

/** What a request asked for, in the auditor's words. */
function describe(request: ThreadRequest): Omit<AuditEntry, 'at' | 'runId' | 'outcome'> {
  const base = { by: request.by ?? ANONYMOUS, requestId: request.requestId, ...(request.options.checkpointId ? { checkpointId: request.options.checkpointId } : {}) };
  if (request.kind === 'updateState') {
    return { ...base, kind: 'updateState', ...(request.values ? { values: request.values } : {}), ...(request.asNode !== undefined ? { asNode: request.asNode } : {}) };
  }
  const input = request.input;
  if (input === null) return { ...base, kind: 'continue' };
  if (!isCommand(input)) return { ...base, kind: 'input', values: input };
  const { resume, update, goto } = input as { resume?: unknown; update?: Values; goto?: unknown };
  const extra = { ...(update !== undefined ? { values: update } : {}), ...(goto !== undefined ? { goto } : {}) };
  if (!Object.hasOwn(input, 'resume')) return { ...base, kind: 'continue', ...extra };
  const interruptIds = isIdMap(resume) ? Object.keys(resume) : undefined;
  return { ...base, kind: 'resume', ...(interruptIds ? { interruptIds } : {}), answer: resume, ...extra };
}

/** A decision the thread made by itself; its request id names the history event that records it. */
function describeDecision(decision: SystemDecision, eventId: number): Omit<AuditEntry, 'at' | 'runId'> {
  const { kind, interruptIds, decision: timeoutDecision, reminder, approvers } = decision;
  return {
    by: { id: SYSTEM_ID },
    kind,
    requestId: `${kind}-${interruptIds.join(',')}-${eventId}`,
    interruptIds,
    ...(timeoutDecision ? { decision: timeoutDecision } : {}),
    ...(reminder !== undefined ? { reminder } : {}),
    ...(approvers ? { approvers } : {}),
  };
}

function timeOf(event: HistoryEvent): string {
  const t = event.eventTime;
  const ms = Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);
  return new Date(ms).toISOString();
}
