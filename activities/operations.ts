import { Context } from '@temporalio/activity';
import type { Ledger } from './ledger';

/** The world the shipped graphs act on: inventories they read and effects they record in a ledger. */
export interface OperationsWorld {
  ledger: Ledger;
  /** Current version of each proposal's target, for stale-state checks (defaults to 1). */
  versions?: Map<string, number>;
}

/** Names the tool call an agent's activity runs for: its effect happens once per call. */
export interface ToolCallRef {
  toolCallId: string;
}

/**
 * Idempotency key of an effect: `<action>:<thread>:<scope>`. The scope defaults to the activity id
 * (stable across its retries); agent tools pass their tool call id, stable across re-runs as well.
 */
export function effectKey(action: string, scope?: string): string {
  const info = Context.current().info;
  return `${action}:${info.workflowExecution?.workflowId ?? "standalone"}:${scope ?? info.activityId}`;
}

/** Activities of the shipped graphs (approval gate, PR review, email, stale-state guard, the HITL patterns). */
export function createOperationActivities(world: OperationsWorld) {
  return {
    async deleteAccounts(request: { description: string }): Promise<string> {
      world.ledger.record({ key: effectKey('deleteAccounts'), action: 'deleteAccounts', details: request });
      return `done: ${request.description}`;
    },
    async applyChanges(request: { repo: string; changes: string[] }, call?: ToolCallRef): Promise<string> {
      world.ledger.record({ key: effectKey('applyChanges', call?.toolCallId), action: 'applyChanges', details: request });
      return `applied ${request.changes.length} change(s) to ${request.repo}`;
    },
    async sendEmail(request: { to: string; subject: string; body: string }, call?: ToolCallRef): Promise<string> {
      world.ledger.record({ key: effectKey('sendEmail', call?.toolCallId), action: 'sendEmail', details: request });
      return `sent to ${request.to}`;
    },
    async currentVersion(target: string): Promise<number> {
      return world.versions?.get(target) ?? 1;
    },
    async applyProposal(request: { target: string; version: number; change: string }): Promise<string> {
      world.ledger.record({ key: effectKey('applyProposal'), action: 'applyProposal', details: request });
      world.versions?.set(request.target, request.version + 1);
      return `applied to ${request.target}`;
    },
    async executeAction(request: { action: string }): Promise<string> {
      world.ledger.record({ key: effectKey('executeAction'), action: 'executeAction', details: request });
      return `executed: ${request.action}`;
    },
    async publishDocument(request: { title: string; text: string }): Promise<string> {
      world.ledger.record({ key: effectKey('publishDocument'), action: 'publishDocument', details: request });
      return `published "${request.title}"`;
    },
    async holdReservation(request: { item: string }): Promise<string> {
      world.ledger.record({ key: effectKey('holdReservation'), action: 'holdReservation', details: request });
      return `held: ${request.item}`;
    },
  };
}

export type OperationActivities = ReturnType<typeof createOperationActivities>;
