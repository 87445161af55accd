import { Command } from '../../../src';
import { GraphTestEnv, startGraphTest } from '../../helpers/harness';

let env: GraphTestEnv;
beforeAll(async () => (env = await startGraphTest()));
afterAll(() => env.stop());

test("the human's resume value replaces the draft, and the edited text is what gets published", async () => {
  const threadId = env.threadId('edit');
  const config = env.config(threadId);
  const graph = env.client.graph('reviewAndEdit');
  const paused = await graph.invoke({ title: 'Dark Mode' }, config);
  const generated = 'Dark Mode\n\nWe are happy to announce dark mode. More soon.';
  expect(paused.draft).toBe(generated);
  expect(paused.__interrupt__).toEqual([
    { id: expect.stringMatching(/^[0-9a-f]{32}$/), value: { instruction: 'Edit the draft and send back the text to publish', draft: generated } },
  ]);
  expect(env.effects(threadId)).toHaveLength(0);

  const edited = 'Dark Mode is here\n\nSwitch it on in Settings > Appearance.';
  const done = await graph.invoke(new Command({ resume: edited }), config);
  expect(done.__interrupt__).toBeUndefined();
  expect(done).toMatchObject({ draft: edited, published: 'published "Dark Mode"' });
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([['publishDocument', { title: 'Dark Mode', text: edited }]]);
});

test('an empty edit is refused at the update and the draft keeps waiting for a real one', async () => {
  const threadId = env.threadId('edit');
  const config = env.config(threadId);
  const graph = env.client.graph('reviewAndEdit');
  const paused = await graph.invoke({ title: 'Dark Mode' }, config);
  await expect(graph.invoke(new Command({ resume: '   ' }), config)).rejects.toMatchObject({ code: 'INVALID_ANSWER' });
  const state = await graph.getState(config);
  expect(state.status).toBe('interrupted');
  expect(state.interrupts).toMatchObject(paused.__interrupt__!);
  expect(env.effects(threadId)).toHaveLength(0);
});
