// Thread metadata over HTTP. The server keeps none of its own: a thread's metadata is what its
// workflow says, `graph_id` (= `assistant_id`), which every thread has. Metadata a client sends
// must say the same; other keys are refused rather than dropped, since keeping them would mean
// storing user data outside the thread (see the README, "HTTP server", for why not the memo).
import { HttpRefusal } from './errorStatus';

const DERIVED = ['graph_id', 'assistant_id'];

/** Refuses metadata other than the graph's own ids (undefined values, as the SDK sends them, are none). */
export function checkMetadata(metadata: Record<string, unknown> | null | undefined, graph: string | undefined): void {
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (value === undefined || value === null) continue;
    if (!DERIVED.includes(key)) {
      throw new HttpRefusal(422, 'UNSUPPORTED', `metadata.${key}: durable-graph keeps no thread metadata besides graph_id (the graph the thread runs)`);
    }
    if (graph !== undefined && value !== graph) {
      throw new HttpRefusal(422, 'UNSUPPORTED', `metadata.${key} is ${JSON.stringify(value)}, but the thread runs graph "${graph}"`);
    }
  }
}

/** The graph a metadata filter asks for: undefined when it asks for none; null when no thread can match. */
export function graphOfFilter(metadata: Record<string, unknown> | null | undefined): string | undefined | null {
  let graph: string | undefined;
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (value === undefined) continue;
    if (!DERIVED.includes(key) || typeof value !== 'string' || (graph !== undefined && graph !== value)) return null;
    graph = value;
  }
  return graph;
}
