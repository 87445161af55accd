import { deadlineProblem } from '../../../src/runtime/interrupt';

const run = () => undefined;
const approvers = { roles: ['finance'] };

test.each([
  [{ timeout: 'soon' }, /timeout must be a duration .*"soon"/],
  [{ reminders: 'daily' }, /reminders is a list of \{ after, run \}/],
  [{ reminders: [{ after: -5, run }] }, /reminders\[0\]\.after must be a duration of 0 or more/],
  [{ reminders: [{ after: '1h', run }, { after: '2h' }] }, /reminders\[1\]\.run is a function/],
  [{ escalate: { after: 'later', approvers: { roles: ['director'] } }, approvers }, /escalate\.after must be a duration/],
  [{ escalate: { after: '1 day', approvers: { roles: ['director'] } } }, /escalate needs approvers on the interrupt/],
  [{ escalate: { after: '1 day', approvers: { group: 'x' } }, approvers }, /escalate\.approvers has no "group"/],
  [{ escalate: { after: '1 day', approvers: { roles: ['director'], quorum: 1 } }, approvers }, /escalate\.approvers\.quorum: .*the quorum stays as raised/],
  [{ escalate: { after: '1 day', approvers: { roles: ['director'] }, run: 'notify' }, approvers }, /escalate\.run is a function/],
])('malformed deadlines are named: %j', (options, message) => {
  expect(deadlineProblem(options as never)).toMatch(message);
});

test('well-formed deadlines pass', () => {
  expect(deadlineProblem({ timeout: '2 days', reminders: [{ after: '1 day', run }], escalate: { after: 36e5, approvers: { users: ['erin'] }, run }, approvers })).toBeUndefined();
  expect(deadlineProblem({})).toBeUndefined();
});
