import { getCurrentState, interrupt } from '../../../src/runtime/interrupt';

test('interrupt() outside a graph node says so instead of failing inside the SDK', async () => {
  await expect(interrupt('approve?')).rejects.toThrow('interrupt() was called outside a graph node; call it from a node of a graph run by graphWorkflow');
});

test('getCurrentState() outside a graph node says so', () => {
  expect(() => getCurrentState()).toThrow('getCurrentState() was called outside a graph node');
});
