import { eventIdOf, parseEventId } from '../../../src/client/eventId';
import { codeOf } from '../../helpers/semantics';

test("a logged event's id is its number, while no reply streams", () => {
  expect(eventIdOf(7, 'req-1', new Map())).toBe('7');
  expect(parseEventId('7', 't')).toEqual({ after: 7, streamed: new Map() });
});

test("a token chunk's id carries the request and how much of each streaming reply was had, and parses back", () => {
  const streamed = new Map([
    ['chatcmpl-a_1', 12],
    ['odd:id=with,signs%', 3],
  ]);
  const id = eventIdOf(4, 'req:1', streamed);
  expect(id.split(':')).toHaveLength(3);
  expect(parseEventId(id, 't')).toEqual({ after: 4, requestId: 'req:1', streamed });
  // Before any logged event: no number to continue after, the request named instead.
  expect(parseEventId(eventIdOf(0, 'req-2', new Map([['c', 5]])), 't')).toEqual({ requestId: 'req-2', streamed: new Map([['c', 5]]) });
});

test.each(['', '0', 'abc', '-1', '1.5', '01', '3:req', '3:req:', '3::c=1', '3:req:c', '3:req:c=0', '3:req:c=x', '3:req:c=1:extra', '3:%E0%A4%A:c=1', '3:req:=4'])(
  'refuses %j as an event id with INVALID_EVENT_ID',
  async (id) => {
    expect(await codeOf(Promise.resolve().then(() => parseEventId(id, 't')))).toBe('INVALID_EVENT_ID');
  },
);
