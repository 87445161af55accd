import { SeenInterrupts } from '../../../src/client/seenInterrupts';

test('a thread seen with one question binds to it; ids of NodeInterrupts (no id) are not answerable', () => {
  const seen = new SeenInterrupts();
  seen.saw('t1', [{ id: 'a'.repeat(32), value: 'approve?' }, { value: 'legacy pause' }]);
  expect(seen.lastSeen('t1')).toEqual(['a'.repeat(32)]);
  expect(seen.lastSeen('t2')).toBeUndefined();
});

test('a finished thread is seen with nothing pending, and a refusal forgets the view', () => {
  const seen = new SeenInterrupts();
  seen.saw('t1', undefined);
  expect(seen.lastSeen('t1')).toEqual([]);
  seen.forget('t1');
  expect(seen.lastSeen('t1')).toBeUndefined();
});

test('the view of the thread seen longest ago is dropped past 10,000 threads', () => {
  const seen = new SeenInterrupts();
  for (let i = 0; i <= 10_000; i++) seen.saw(`t${i}`, []);
  expect(seen.lastSeen('t0')).toBeUndefined();
  expect(seen.lastSeen('t1')).toEqual([]);
  seen.saw('t1', []); // seen again: now the newest
  seen.saw('t10001', []);
  expect(seen.lastSeen('t1')).toEqual([]);
  expect(seen.lastSeen('t2')).toBeUndefined();
});
