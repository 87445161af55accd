import { Command, Interrupt } from '../../../src';
import { GraphTestEnv, startGraphTest } from '../../helpers/harness';

let env: GraphTestEnv;
beforeAll(async () => (env = await startGraphTest()));
afterAll(() => env.stop());

/** The id of the pending interrupt asked by `reviewer`. */
function idOf(interrupts: Interrupt[] | undefined, reviewer: string): string {
  const found = interrupts?.find((i) => (i.value as { reviewer?: string }).reviewer === reviewer);
  if (!found?.id) throw new Error(`no pending interrupt for ${reviewer}`);
  return found.id;
}

test('two sequential interrupts in one node are answered in order and the node stays next until both are', async () => {
  const config = env.config(env.threadId('contact'));
  const graph = env.client.graph('multiInterrupt');
  const first = await graph.invoke({ mode: 'contact' }, config);
  expect(first.__interrupt__).toEqual([{ id: expect.any(String), value: { question: 'What is your name?' } }]);

  const second = await graph.invoke(new Command({ resume: 'Ada' }), config);
  expect(second.__interrupt__).toEqual([{ id: expect.any(String), value: { question: 'Thanks Ada. What is your email address?' } }]);
  expect(second.__interrupt__![0].id).not.toBe(first.__interrupt__![0].id);
  const between = await graph.getState(config);
  expect(between.next).toEqual(['contactDetails']);
  expect(between.status).toBe('interrupted');
  expect(between.tasks).toMatchObject([{ name: 'contactDetails', interrupts: second.__interrupt__! }]);
  expect(between.values.name).toBeUndefined();

  const done = await graph.invoke(new Command({ resume: 'ada@example.com' }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(done).toMatchObject({ name: 'Ada', email: 'ada@example.com', log: ['contactDetails'] });
  expect((await graph.getState(config)).next).toEqual([]);
});

test('two parallel branches wait together and one id map answers both; the join runs once', async () => {
  const config = env.config(env.threadId('signoff'));
  const graph = env.client.graph('multiInterrupt');
  const paused = await graph.invoke({ mode: 'signoff' }, config);
  expect(paused.__interrupt__).toHaveLength(2);
  const legal = idOf(paused.__interrupt__, 'legal');
  const finance = idOf(paused.__interrupt__, 'finance');
  expect(legal).not.toBe(finance);
  const state = await graph.getState(config);
  expect(state.next.sort()).toEqual(['financeReview', 'legalReview']);
  expect(state.tasks.map((t) => t.interrupts.length)).toEqual([1, 1]);
  await expect(graph.invoke(new Command({ resume: 'yes' }), config)).rejects.toMatchObject({ code: 'AMBIGUOUS_RESUME' });

  const done = await graph.invoke(new Command({ resume: { [legal]: 'approved', [finance]: 'approved with a cap' } }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(done).toMatchObject({ legal: 'approved', finance: 'approved with a cap' });
  expect(done.log).toEqual(['legalReview', 'financeReview', 'finalize: legal approved, finance approved with a cap']);
  expect((await graph.getState(config)).status).toBe('idle');
});

test('parallel interrupts answered one at a time by id: the join waits for the second answer and runs once', async () => {
  const config = env.config(env.threadId('signoff'));
  const graph = env.client.graph('multiInterrupt');
  const paused = await graph.invoke({ mode: 'signoff' }, config);
  const legal = idOf(paused.__interrupt__, 'legal');
  const finance = idOf(paused.__interrupt__, 'finance');

  const half = await graph.invoke(new Command({ resume: { [legal]: 'approved' } }), config);
  expect(half.__interrupt__).toEqual([{ id: finance, value: { reviewer: 'finance', question: 'Sign off the budget?' } }]);
  expect(half).toMatchObject({ legal: 'approved', log: ['legalReview'] });
  const between = await graph.getState(config);
  expect(between.status).toBe('interrupted');
  expect(between.next).toEqual(['financeReview']);
  expect(between.interrupts).toMatchObject(half.__interrupt__!);
  await expect(graph.invoke(new Command({ resume: { [legal]: 'again' } }), config)).rejects.toMatchObject({ code: 'ALREADY_ANSWERED' });

  const done = await graph.invoke(new Command({ resume: { [finance]: 'approved' } }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(done.log).toEqual(['legalReview', 'financeReview', 'finalize: legal approved, finance approved']);
});
