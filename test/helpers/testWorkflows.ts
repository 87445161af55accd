import { condition, defineSignal, defineQuery, setHandler } from '@temporalio/workflow';

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
