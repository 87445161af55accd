import { Command } from '../../../src';
import { GraphTestEnv, startGraphTest } from '../../helpers/harness';

let env: GraphTestEnv;
beforeAll(async () => (env = await startGraphTest()));
afterAll(() => env.stop());

const HEX_ID = /^[0-9a-f]{32}$/;

test('an invalid age is asked again in the same node with a new interrupt id and a clearer question', async () => {
  const config = env.config(env.threadId('age'));
  const graph = env.client.graph('validationLoop');
  const first = await graph.invoke({}, config);
  expect(first.__interrupt__).toEqual([{ id: expect.stringMatching(HEX_ID), value: { question: 'How old are you?', attempt: 1 } }]);

  const second = await graph.invoke(new Command({ resume: 'abc' }), config);
  expect(second.__interrupt__).toEqual([
    {
      id: expect.stringMatching(HEX_ID),
      value: { question: '"abc" is not a valid age. Please enter your age in years as a whole number from 0 to 150, e.g. 42.', attempt: 2 },
    },
  ]);
  expect(second.__interrupt__![0].id).not.toBe(first.__interrupt__![0].id);
  const state = await graph.getState(config);
  expect(state.next).toEqual(['askAge']);
  expect(state.interrupts).toMatchObject(second.__interrupt__!);
  expect(state.values.age).toBeUndefined();

  const third = await graph.invoke(new Command({ resume: -3 }), config);
  expect(third.__interrupt__).toEqual([
    {
      id: expect.stringMatching(HEX_ID),
      value: { question: '-3 is not a valid age. Please enter your age in years as a whole number from 0 to 150, e.g. 42.', attempt: 3 },
    },
  ]);
  expect(new Set([first, second, third].map((r) => r.__interrupt__![0].id)).size).toBe(3);
});

test('a valid age ends the loop and the graph continues to the next node', async () => {
  const config = env.config(env.threadId('age'));
  const graph = env.client.graph('validationLoop');
  await graph.invoke({}, config);
  await graph.invoke(new Command({ resume: 'abc' }), config);
  const done = await graph.invoke(new Command({ resume: 42 }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(done).toMatchObject({ age: 42, attempts: 2, greeting: 'Welcome! You are 42 years old.' });
  const state = await graph.getState(config);
  expect(state.status).toBe('idle');
  expect(state.next).toEqual([]);
});

test('an answer to the first question, once re-asked, is refused as already answered', async () => {
  const config = env.config(env.threadId('age'));
  const graph = env.client.graph('validationLoop');
  const first = await graph.invoke({}, config);
  await graph.invoke(new Command({ resume: 'abc' }), config);
  const firstId = first.__interrupt__![0].id!;
  await expect(graph.invoke(new Command({ resume: { [firstId]: 30 } }), config)).rejects.toMatchObject({ code: 'ALREADY_ANSWERED' });
  expect((await graph.getState(config)).values.age).toBeUndefined();
});
