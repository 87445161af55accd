import { bundleWorkflows } from '../../../src/worker/createWorker';

test('a workflow bundle of graphs that use no agent carries no agent code and no zod', async () => {
  const { code } = await bundleWorkflows(require.resolve('../../fixtures/plainGate'));
  expect(code).toContain('plainGate');
  expect(code).not.toMatch(/createReactAgent|humanReview|checkHumanResponse/);
  expect(code).not.toMatch(/node_modules\/zod\//);
}, 60_000);
