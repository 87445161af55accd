import { bundleWorkflows } from '../../../src/worker/createWorker';

test('a workflow bundle of graphs that use no agent carries no agent code and no zod', async () => {
  const { code } = await bundleWorkflows(require.resolve('../../fixtures/plainGate'));
  expect(code).toContain('plainGate');
  expect(code).not.toMatch(/createReactAgent|humanReview|checkHumanResponse/);
  expect(code).not.toMatch(/node_modules\/zod\//);
}, 60_000);

test("durable-graph's engine is preloaded once per workflow thread and shared by its workflows, not evaluated again for each workflow", async () => {
  const { code } = await bundleWorkflows(require.resolve('../../fixtures/plainGate'));
  // The SDK evaluates every module outside preloadModules once per workflow: each cached thread then
  // held its own copy of the engine (about 400 KiB of heap per paused thread).
  const preload = /exports\.preloadModules = function preloadModules\(\) \{([^}]*)\}/.exec(code)?.[1] ?? '';
  for (const module of ['runtime/graphWorkflow', 'runtime/interrupt', 'graph/stateGraph', 'graph/annotation', 'engine/errors']) {
    expect(preload).toMatch(new RegExp(`__webpack_require__\\([^)]*"\\./src/${module}\\.ts"\\)`));
  }
}, 60_000);
