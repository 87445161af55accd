import { effectKey, type ToolCallRef } from './operations';
import type { Ledger } from './ledger';

/** A web search hit, as `searchWeb` returns it. */
export interface SearchResult {
  title: string;
  url: string;
  snippet: string;
}

/** A payment, as the `pay` tool sends it. */
export interface Payment {
  payee: string;
  amount: number;
  currency: string;
  reference: string;
}

/** Row counts of the demo database the records tools read. */
const DEMO_TABLES: Record<string, number> = { users: 1432, orders: 56120, sessions: 9804, invoices: 2210 };

/**
 * Activities behind the shipped agents' tools. Reads touch nothing; every effect is recorded in
 * the ledger once per tool call (key `<action>:<thread>:<tool call id>`), however often it runs.
 */
export function createAgentToolActivities(world: { ledger: Ledger }) {
  return {
    async searchWeb(request: { query: string }): Promise<SearchResult[]> {
      const slug = request.query.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      return [
        { title: `${request.query}: overview`, url: `https://example.com/${slug}`, snippet: `What to know about ${request.query}.` },
        { title: `${request.query}: latest news`, url: `https://news.example.com/${slug}`, snippet: `Recent reports on ${request.query}.` },
      ];
    },
    async countRecords(request: { table: string; where?: string }): Promise<string> {
      const rows = DEMO_TABLES[request.table];
      if (rows === undefined) return `no table "${request.table}"; tables: ${Object.keys(DEMO_TABLES).join(', ')}`;
      const where = request.where?.trim();
      return where ? `${request.table}: 1 of ${rows} record(s) match ${where}` : `${request.table}: ${rows} record(s)`;
    },
    async deleteRecords(request: { table: string; where: string }, call: ToolCallRef): Promise<string> {
      world.ledger.record({ key: effectKey('deleteRecords', call.toolCallId), action: 'deleteRecords', details: request });
      return `deleted from ${request.table} where ${request.where.trim() || '(everything)'}`;
    },
    async pay(payment: Payment, call: ToolCallRef): Promise<string> {
      // A second run of the same call (activity retry, node re-run) finds its key and pays nothing.
      world.ledger.record({ key: effectKey('pay', call.toolCallId), action: 'pay', details: { ...payment } });
      return `paid ${payment.amount} ${payment.currency} to ${payment.payee} (reference ${payment.reference})`;
    },
    async restartService(request: { service: string }, call: ToolCallRef): Promise<string> {
      world.ledger.record({ key: effectKey('restartService', call.toolCallId), action: 'restartService', details: request });
      return `restarted ${request.service}`;
    },
    async scaleDown(request: { service: string; replicas: number }, call: ToolCallRef): Promise<string> {
      world.ledger.record({ key: effectKey('scaleDown', call.toolCallId), action: 'scaleDown', details: request });
      return `scaled ${request.service} down to ${request.replicas} replica(s)`;
    },
  };
}

export type AgentToolActivities = ReturnType<typeof createAgentToolActivities>;
