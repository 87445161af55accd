import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';

/**
 * Every payload of a thread's history as Temporal stores it (read with no codec at all), search
 * attributes aside: Temporal indexes those, so no codec ever sees them (they hold no payload data).
 */
export async function storedPayloads(address: string, threadId: string): Promise<Payload[]> {
  const connection = await Connection.connect({ address });
  try {
    const { events } = await new Client({ connection }).workflow.getHandle(threadId).fetchHistory();
    return payloadsIn(events);
  } finally {
    await connection.close();
  }
}

function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return found;
  const object = value as Record<string, unknown>;
  if (object.metadata && object.data instanceof Uint8Array) found.push(object);
  else for (const [key, item] of Object.entries(object)) if (key !== 'searchAttributes') payloadsIn(item, found);
  return found;
}

/** A metadata entry of a payload as text. */
export function metadataText(payload: Payload, key: string): string | undefined {
  const bytes = payload.metadata?.[key];
  return bytes ? Buffer.from(bytes).toString('utf8') : undefined;
}
