// Each system's workflow bundle, made the way its users make it: durable-graph's with
// bundleWorkflows (which preloads the engine), the raw side with Temporal's own bundler.
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { bundleWorkflows } from '../src/worker/createWorker';
import type { SystemKey } from './systems';

const WORKFLOWS: Record<SystemKey, string> = { raw: require.resolve('./rawWorkflows'), graph: require.resolve('./graphWorkflows') };

export async function benchBundle(key: SystemKey): Promise<{ code: string }> {
  return key === 'graph' ? bundleWorkflows(WORKFLOWS.graph) : bundleWorkflowCode({ workflowsPath: WORKFLOWS.raw, logger: new DefaultLogger('WARN') });
}
