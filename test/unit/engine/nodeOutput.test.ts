import { Command, Send } from '../../../src/engine/command';
import { InvalidUpdateError } from '../../../src/engine/errors';
import { nodeOutput } from '../../../src/engine/nodeOutput';
import { catchError } from '../graph/catchError';

describe('nodeOutput', () => {
  test('a plain object is the node\'s update', () => {
    expect(nodeOutput('n', { a: 1 })).toEqual({ update: { a: 1 } });
  });

  test('a node returning nothing writes nothing', () => {
    expect(nodeOutput('n', undefined)).toEqual({ update: {} });
    expect(nodeOutput('n', null)).toEqual({ update: {} });
  });

  test('a Command gives its update and its goto', () => {
    const send = new Send('w', 1);
    expect(nodeOutput('n', new Command({ update: { a: 1 }, goto: ['x', send] }))).toEqual({ update: { a: 1 }, goto: ['x', send] });
  });

  test('a Command with only a goto writes nothing', () => {
    expect(nodeOutput('n', new Command({ goto: 'x' }))).toEqual({ update: {}, goto: 'x' });
  });

  test('a Command with resume returned by a node is refused, naming the node', () => {
    const err = catchError(() => nodeOutput('approver', new Command({ resume: 'yes' })));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toContain('"approver"');
  });

  test('a node returning an array is refused, naming the node', () => {
    const err = catchError(() => nodeOutput('lister', [{ a: 1 }]));
    expect(err).toBeInstanceOf(InvalidUpdateError);
    expect(err.message).toContain('"lister"');
    expect(err.message).toContain('array');
  });

  test('a node returning a string is refused, naming the node', () => {
    const err = catchError(() => nodeOutput('talker', 'done'));
    expect(err.code).toBe('INVALID_UPDATE');
    expect(err.message).toContain('"talker"');
    expect(err.message).toContain('string');
  });
});
