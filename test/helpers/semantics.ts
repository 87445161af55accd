import { createSemanticsActivities } from './semanticsActivities';
import { GraphTestEnv, startGraphTest } from './harness';

/** A graph test env whose worker also runs the semantics probes. */
export async function startSemanticsTest(options: { address?: string } = {}): Promise<GraphTestEnv & ReturnType<typeof createSemanticsActivities>> {
  const probes = createSemanticsActivities();
  const env = await startGraphTest({ activities: probes.activities, address: options.address });
  return Object.assign(env, probes);
}

/** The code of a rejected promise (fails the test when it resolves). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return (err as { code?: string }).code ?? `no code: ${String(err)}`;
  }
  throw new Error('expected a refusal, but the call succeeded');
}
