import { Command, isCommand, isSend, Send } from '../../../src/engine/command';

describe('Command and Send', () => {
  test('a Command made without resume has no resume key, so it is not taken for an answer', () => {
    const cmd = new Command({ goto: 'next' });
    expect(cmd.goto).toBe('next');
    expect('update' in cmd).toBe(false);
    expect('resume' in cmd).toBe(false);
  });

  test('a falsy resume value is kept as an answer', () => {
    for (const value of [0, '', false]) expect(new Command({ resume: value }).resume).toBe(value);
  });

  test('a Send keeps its node and arg', () => {
    const send = new Send('worker', { item: 3 });
    expect(send.node).toBe('worker');
    expect(send.arg).toEqual({ item: 3 });
  });

  test('Commands and Sends are recognised after a JSON round trip, as on the wire', () => {
    const cmd = JSON.parse(JSON.stringify(new Command({ resume: 'ok' })));
    const send = JSON.parse(JSON.stringify(new Send('w', 1)));
    expect(isCommand(cmd)).toBe(true);
    expect(isSend(send)).toBe(true);
  });

  test('a Command is not a Send, a Send is not a Command, and plain values are neither', () => {
    expect(isSend(new Command({ goto: 'x' }))).toBe(false);
    expect(isCommand(new Send('x', 1))).toBe(false);
    for (const value of [null, undefined, 'Command', { goto: 'x' }]) {
      expect(isCommand(value)).toBe(false);
      expect(isSend(value)).toBe(false);
    }
  });
});
