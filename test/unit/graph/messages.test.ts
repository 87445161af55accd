import { Message, MessagesAnnotation, messagesReducer } from '../../../src/graph/messages';
import { applyWrites, initialValues } from '../../../src/engine/state';

const user = (content: string, id?: string): Message => (id === undefined ? { role: 'user', content } : { id, role: 'user', content });

describe('messagesReducer', () => {
  test('new messages are appended after the existing ones', () => {
    const out = messagesReducer([user('hi', 'm1')], [user('how are you?', 'm2')]);
    expect(out.map((m) => m.content)).toEqual(['hi', 'how are you?']);
  });

  test('a single message, not in a list, is appended too', () => {
    const out = messagesReducer([user('hi', 'm1')], user('again', 'm2'));
    expect(out.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  test('a message with an id already in the list replaces that message in place', () => {
    const out = messagesReducer([user('first', 'm1'), user('second', 'm2')], [user('first, edited', 'm1')]);
    expect(out).toEqual([user('first, edited', 'm1'), user('second', 'm2')]);
  });

  test('a message without an id gets one', () => {
    const out = messagesReducer([], [user('hi')]);
    expect(typeof out[0].id).toBe('string');
    expect(out[0].id).not.toBe('');
  });

  test('ids given to id-less messages are deterministic', () => {
    const a = messagesReducer([user('x', 'm1')], [user('hi'), user('there')]);
    const b = messagesReducer([user('x', 'm1')], [user('hi'), user('there')]);
    expect(a.map((m) => m.id)).toEqual(b.map((m) => m.id));
  });

  test('id-less messages written together each get a different id', () => {
    const out = messagesReducer([], [user('a'), user('b'), user('c')]);
    expect(new Set(out.map((m) => m.id)).size).toBe(3);
  });

  test('an assigned id never duplicates an id already in the list', () => {
    const out = messagesReducer([user('explicit', 'msg-1')], [user('no id')]);
    expect(out).toHaveLength(2);
    expect(new Set(out.map((m) => m.id)).size).toBe(2);
  });

  test('an assigned id can later be used to replace that message', () => {
    const first = messagesReducer([], [user('draft')]);
    const out = messagesReducer(first, [user('final', first[0].id)]);
    expect(out).toEqual([user('final', first[0].id)]);
  });

  test('the input lists are not mutated', () => {
    const left = [user('a', 'm1')];
    const right = [user('b')];
    messagesReducer(left, right);
    expect(left).toEqual([user('a', 'm1')]);
    expect(right).toEqual([user('b')]);
  });
});

describe('MessagesAnnotation', () => {
  test('a new state starts with an empty message list', () => {
    expect(initialValues(MessagesAnnotation.spec)).toEqual({ messages: [] });
  });

  test('two nodes adding messages in one step are both kept, in write order', () => {
    const values = applyWrites(MessagesAnnotation.spec, initialValues(MessagesAnnotation.spec), [
      { node: 'a', update: { messages: [user('from a', 'a1')] } },
      { node: 'b', update: { messages: user('from b', 'b1') } },
    ]);
    expect((values.messages as Message[]).map((m) => m.id)).toEqual(['a1', 'b1']);
  });
});
