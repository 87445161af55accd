import { approvalRequest, checkInterruptOn, checkPolicies, defaultDescription, hitlRequest } from '../../../src/agent/approval';
import { isNarrowWhere } from '../../../workflows/recordsAgent';

const ALL = { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: true };
const EMAIL = { to: 'ada@example.com', subject: 'Hi' };

describe('approvalRequest', () => {
  test('a tool without a policy, or with never, runs without asking', () => {
    expect(approvalRequest(undefined, 'search_web', { query: 'x' })).toBeUndefined();
    expect(approvalRequest('never', 'search_web', { query: 'x' })).toBeUndefined();
  });

  test("'always' asks with every answer allowed and LangChain's default description", () => {
    expect(approvalRequest('always', 'send_email', EMAIL)).toEqual({
      action_request: { action: 'send_email', args: EMAIL },
      config: ALL,
      description: 'Tool execution requires approval\n\nTool: send_email\nArgs: {\n  "to": "ada@example.com",\n  "subject": "Hi"\n}',
    });
  });

  test('an object policy without when asks every time', () => {
    expect(approvalRequest({}, 'send_email', EMAIL)).toEqual({ action_request: { action: 'send_email', args: EMAIL }, config: ALL, description: defaultDescription('send_email', EMAIL) });
  });

  test('when decides per call, from the parsed arguments', () => {
    const policy = { when: (p: { amount: number }) => p.amount >= 500 };
    expect(approvalRequest(policy, 'pay', { amount: 120 })).toBeUndefined();
    expect(approvalRequest(policy, 'pay', { amount: 500 })?.action_request).toEqual({ action: 'pay', args: { amount: 500 } });
    // The human sees what the model sent; when sees what the schema made of it.
    const seen: unknown[] = [];
    approvalRequest({ when: (a: unknown) => (seen.push(a), true) }, 'pay', { amount: '5000' }, { amount: 5000 });
    expect(seen).toEqual([{ amount: 5000 }]);
  });

  test('a partial config keeps every answer it does not mention allowed', () => {
    expect(approvalRequest({ config: { allow_edit: false } }, 'pay', {})?.config).toEqual({ ...ALL, allow_edit: false });
  });

  test("the tool's JSON Schema goes with the request when edits are allowed (an inbox's edit form), and only then", () => {
    const schema = { type: 'object', properties: { amount: { type: 'number' } } };
    expect(approvalRequest('always', 'pay', { amount: 9 }, undefined, schema)?.args_schema).toEqual(schema);
    expect(approvalRequest({ config: { allow_edit: false } }, 'pay', { amount: 9 }, undefined, schema)).not.toHaveProperty('args_schema');
  });

  test('a description is a string or a function of the arguments', () => {
    expect(approvalRequest({ description: 'Pay it?' }, 'pay', {})?.description).toBe('Pay it?');
    expect(approvalRequest({ description: (p: { amount: number }) => `Pay ${p.amount}?` }, 'pay', { amount: 9 })?.description).toBe('Pay 9?');
  });
});

describe('checkPolicies', () => {
  test('policies for known tools pass', () => {
    expect(() => checkPolicies({ send_email: 'always', search_web: 'never', pay: { when: () => true } }, ['send_email', 'search_web', 'pay'])).not.toThrow();
  });

  test('a policy naming an unknown tool is refused with INVALID_GRAPH, naming it and the tools', () => {
    expect(() => checkPolicies({ send_mail: 'always' }, ['send_email'])).toThrow(
      expect.objectContaining({ code: 'INVALID_GRAPH', message: 'Approval policy names unknown tool "send_mail"; tools: send_email' }),
    );
  });

  test('a policy allowing no answer at all is refused', () => {
    const none = { allow_accept: false, allow_edit: false, allow_respond: false, allow_ignore: false };
    expect(() => checkPolicies({ pay: { config: none } }, ['pay'])).toThrow(/allows no answer/);
  });

  test('a policy that is neither a keyword nor an object is refused', () => {
    expect(() => checkPolicies({ pay: 'sometimes' as never }, ['pay'])).toThrow(/must be 'always', 'never' or/);
  });
});

describe("the records agent's rule for a narrow delete", () => {
  test.each(['id = 42', "email = 'ada@example.com'", 'users.id=7', ' status = -1 '])('%s is narrow', (where) => {
    expect(isNarrowWhere(where)).toBe(true);
  });

  test.each(['', '*', '1=1', "'a' = 'a'", 'id = id', 'id > 3', 'id = 1 OR id = 2', "name LIKE 'a%'", 'active'])('%j is broad', (where) => {
    expect(isNarrowWhere(where)).toBe(false);
  });
});

describe('hitlRequest (interruptOn)', () => {
  test('a tool not listed, or false, runs without asking', () => {
    expect(hitlRequest(undefined, 'search_web', { query: 'x' })).toBeUndefined();
    expect(hitlRequest(false, 'search_web', { query: 'x' })).toBeUndefined();
  });

  test("true asks with all four decisions and LangChain's default description", () => {
    expect(hitlRequest(true, 'send_email', EMAIL)).toEqual({
      actionRequests: [{ name: 'send_email', args: EMAIL, description: defaultDescription('send_email', EMAIL) }],
      reviewConfigs: [{ actionName: 'send_email', allowedDecisions: ['approve', 'edit', 'reject', 'respond'] }],
    });
  });

  test('a config gives the decisions allowed, the argsSchema, and a description from the parsed arguments', () => {
    const argsSchema = { type: 'object', properties: { amount: { type: 'number' } } };
    const policy = { allowedDecisions: ['approve' as const, 'reject' as const], argsSchema, description: (p: { amount: number }) => `Pay ${p.amount}?` };
    expect(hitlRequest(policy, 'pay', { amount: '9' }, { amount: 9 })).toEqual({
      actionRequests: [{ name: 'pay', args: { amount: '9' }, description: 'Pay 9?' }],
      reviewConfigs: [{ actionName: 'pay', allowedDecisions: ['approve', 'reject'], argsSchema }],
    });
  });

  test("without an argsSchema of its own, a config allowing edits gives the tool's schema to the reviewing UI", () => {
    const toolSchema = { type: 'object', properties: { to: { type: 'string' } } };
    expect(hitlRequest(true, 'send_email', EMAIL, EMAIL, toolSchema)?.reviewConfigs[0].argsSchema).toEqual(toolSchema);
    expect(hitlRequest({ allowedDecisions: ['approve', 'reject'] }, 'send_email', EMAIL, EMAIL, toolSchema)?.reviewConfigs[0]).not.toHaveProperty('argsSchema');
    const own = { type: 'object' };
    expect(hitlRequest({ allowedDecisions: ['edit'], argsSchema: own }, 'send_email', EMAIL, EMAIL, toolSchema)?.reviewConfigs[0].argsSchema).toBe(own);
  });

  test('when decides per call', () => {
    const policy = { allowedDecisions: ['approve' as const], when: (p: { amount: number }) => p.amount >= 500 };
    expect(hitlRequest(policy, 'pay', { amount: 120 })).toBeUndefined();
    expect(hitlRequest(policy, 'pay', { amount: 500 })?.actionRequests[0].args).toEqual({ amount: 500 });
  });
});

describe('checkInterruptOn', () => {
  test('entries for known tools pass', () => {
    expect(() => checkInterruptOn({ send_email: true, search_web: false, pay: { allowedDecisions: ['approve'] } }, ['send_email', 'search_web', 'pay'], {})).not.toThrow();
  });

  test('an unknown tool is refused with INVALID_GRAPH, naming it and the tools', () => {
    expect(() => checkInterruptOn({ send_mail: true }, ['send_email'], {})).toThrow(
      expect.objectContaining({ code: 'INVALID_GRAPH', message: 'interruptOn names unknown tool "send_mail"; tools: send_email' }),
    );
  });

  test('an empty or unknown allowedDecisions is refused', () => {
    expect(() => checkInterruptOn({ pay: { allowedDecisions: [] } }, ['pay'], {})).toThrow(
      expect.objectContaining({ code: 'INVALID_GRAPH', message: expect.stringContaining('interruptOn of "pay" allows no decision') }),
    );
    // @ts-expect-error 'accept' is the agent inbox's word, not a decision
    expect(() => checkInterruptOn({ pay: { allowedDecisions: ['accept'] } }, ['pay'], {})).toThrow(/allows unknown decision\(s\) accept/);
    // @ts-expect-error allowedDecisions is required
    expect(() => checkInterruptOn({ pay: { description: 'Pay?' } }, ['pay'], {})).toThrow(/must be true, false or \{ allowedDecisions/);
  });

  test('a tool in both approval and interruptOn is refused', () => {
    expect(() => checkInterruptOn({ pay: true }, ['pay'], { pay: 'always' })).toThrow(
      expect.objectContaining({ code: 'INVALID_GRAPH', message: 'Tool "pay" is in both approval and interruptOn; keep it in one of them' }),
    );
  });
});
