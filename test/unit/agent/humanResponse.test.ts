import { checkHumanResponse, unwrapResponse, type HumanInterrupt } from '../../../src/agent/humanInterrupt';

const ALL = { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: true };
const request = (config = ALL): HumanInterrupt => ({ action_request: { action: 'send_email', args: { to: 'ada@example.com' } }, config });
const needsTo = (args: Record<string, unknown>) => (typeof args.to === 'string' && args.to.includes('@') ? undefined : 'to: Invalid email address');

describe('checkHumanResponse', () => {
  test.each([
    { type: 'accept', args: null },
    { type: 'ignore', args: null },
    { type: 'response', args: 'Not today.' },
    { type: 'edit', args: { action: 'send_email', args: { to: 'bob@example.com' } } },
  ])('accepts %j when the config allows it', (answer) => {
    expect(checkHumanResponse(answer, request(), needsTo)).toBeUndefined();
  });

  test('accepts a one-element array, as Agent Inbox resumes', () => {
    expect(checkHumanResponse([{ type: 'accept', args: null }], request())).toBeUndefined();
  });

  test('refuses an array of any other length', () => {
    expect(checkHumanResponse([], request())).toMatch(/got an array of 0/);
    expect(checkHumanResponse([{ type: 'accept', args: null }, { type: 'ignore', args: null }], request())).toMatch(/got an array of 2/);
  });

  test('accepts accept and ignore without args', () => {
    expect(checkHumanResponse({ type: 'accept' }, request())).toBeUndefined();
    expect(checkHumanResponse({ type: 'ignore' }, request())).toBeUndefined();
  });

  test('refuses a type the config does not allow, naming the allowed ones', () => {
    const config = { ...ALL, allow_edit: false, allow_respond: false };
    expect(checkHumanResponse({ type: 'response', args: 'no' }, request(config))).toBe(
      `the request for "send_email" does not allow 'response'; allowed: accept, ignore`,
    );
    expect(checkHumanResponse({ type: 'edit', args: { action: 'send_email', args: {} } }, request(config))).toMatch(/does not allow 'edit'/);
  });

  test.each([null, 'accept', 42, {}, { type: 'approve' }, { type: 'toString', args: null }, { args: null }])('refuses %j as no HumanResponse', (answer) => {
    expect(checkHumanResponse(answer, request())).toBe("send a HumanResponse { type: 'accept' | 'edit' | 'response' | 'ignore', args }");
  });

  test('refuses malformed args for each type', () => {
    expect(checkHumanResponse({ type: 'accept', args: 'yes' }, request())).toBe("'accept' takes args: null");
    expect(checkHumanResponse({ type: 'ignore', args: {} }, request())).toBe("'ignore' takes args: null");
    expect(checkHumanResponse({ type: 'response', args: 5 }, request())).toMatch(/'response' takes args/);
    expect(checkHumanResponse({ type: 'response', args: '  ' }, request())).toMatch(/non-empty string/);
    expect(checkHumanResponse({ type: 'edit', args: null }, request())).toMatch(/'edit' takes args: \{ action, args \}/);
    expect(checkHumanResponse({ type: 'edit', args: { action: 'send_email' } }, request())).toMatch(/'edit' takes args/);
    expect(checkHumanResponse({ type: 'edit', args: { action: 'send_email', args: ['x'] } }, request())).toMatch(/'edit' takes args/);
  });

  test('refuses an edit that names another action', () => {
    expect(checkHumanResponse({ type: 'edit', args: { action: 'search_web', args: {} } }, request())).toBe(
      'an edit must keep the action "send_email", got "search_web"',
    );
  });

  test("refuses edited args that fail the tool's schema, with the schema's reason", () => {
    expect(checkHumanResponse({ type: 'edit', args: { action: 'send_email', args: { to: 'nobody' } } }, request(), needsTo)).toBe(
      'edited args for "send_email" are invalid: to: Invalid email address',
    );
  });
});

describe('unwrapResponse', () => {
  test('unwraps a one-element array and leaves anything else as it is', () => {
    expect(unwrapResponse([{ type: 'accept', args: null }])).toEqual({ type: 'accept', args: null });
    expect(unwrapResponse({ type: 'accept', args: null })).toEqual({ type: 'accept', args: null });
    expect(unwrapResponse([1, 2])).toEqual([1, 2]);
  });
});
