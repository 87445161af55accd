import { z } from 'zod/v4';
import { createReactAgent } from '../../../src/agent/createReactAgent';
import { tool } from '../../../src/agent/tool';

const pay = tool({ name: 'pay', description: 'Pay an invoice.', schema: z.object({ amount: z.number() }), execute: () => 'paid' });

// The checks run before the agent touches any workflow API, so building is refused outside a workflow too.
describe('createReactAgent refuses a bad interruptOn at build time', () => {
  test('an unknown tool is INVALID_GRAPH', () => {
    expect(() => createReactAgent({ tools: [pay], interruptOn: { refund: true } })).toThrow(
      expect.objectContaining({ code: 'INVALID_GRAPH', message: 'interruptOn names unknown tool "refund"; tools: pay' }),
    );
  });

  test('an empty allowedDecisions is INVALID_GRAPH', () => {
    expect(() => createReactAgent({ tools: [pay], interruptOn: { pay: { allowedDecisions: [] } } })).toThrow(expect.objectContaining({ code: 'INVALID_GRAPH' }));
  });

  test('the same tool in approval and interruptOn is INVALID_GRAPH', () => {
    expect(() => createReactAgent({ tools: [pay], approval: { pay: 'always' }, interruptOn: { pay: true } })).toThrow(
      expect.objectContaining({ code: 'INVALID_GRAPH', message: 'Tool "pay" is in both approval and interruptOn; keep it in one of them' }),
    );
  });
});
