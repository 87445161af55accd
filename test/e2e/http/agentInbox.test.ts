// What Agent Inbox sends and reads, against durable-graph's HTTP server: the thread list by graph and
// status, a HumanInterrupt's answer as runs.stream with the `events` mode, its edits with every field
// a string, its accept carrying the action request, and its ignore.
import { contentText, lastMessage, whenToolResult, whenUserSays } from '../../../src/testing';
import { startAgentTest, userSays, type AgentTestEnv } from '../../helpers/agentTest';
import { startHttpTest, type HttpTestEnv } from './httpTestServer';

let agents: AgentTestEnv;
let t: HttpTestEnv;
beforeAll(async () => {
  agents = await startAgentTest({
    rules: [
      whenUserSays(/Convert (\d+)/, (request) => {
        const celsius = Number(/Convert (\d+)/.exec(contentText(lastMessage(request)!.content))![1]);
        return { toolCalls: [{ name: 'convert_temperature', args: { celsius } }] };
      }),
      whenToolResult('convert_temperature', (request) => ({ content: `It is ${contentText(lastMessage(request)!.content)}` })),
    ],
  });
  t = await startHttpTest({ graphs: ['approvedTemperatureAgent'], env: agents });
});
afterAll(async () => {
  await t?.stop();
  await agents?.stop();
});

const GRAPH = 'approvedTemperatureAgent';

/** A thread waiting for a human to approve converting `celsius`, as the inbox lists it. */
async function waiting(celsius: number) {
  const carol = t.sdk('carol');
  const thread = await carol.threads.create({ graphId: GRAPH });
  await carol.runs.wait(thread.thread_id, GRAPH, { input: userSays(`Convert ${celsius} degrees`) });
  const listed = await carol.threads.search({ metadata: { graph_id: GRAPH }, status: 'interrupted', limit: 100, offset: 0 });
  const item = listed.find((l) => l.thread_id === thread.thread_id)!;
  const [interrupt] = Object.values(item.interrupts).flat() as Array<{ id: string; value: { action_request: { action: string; args: Record<string, unknown> } } }>;
  return { threadId: thread.thread_id, interrupt };
}

/** Answers as Agent Inbox does: runs.stream with the events mode; returns the parts. */
async function answer(threadId: string, response: unknown) {
  const parts: Array<{ event: string; data: unknown }> = [];
  for await (const part of t.sdk('carol').runs.stream(threadId, GRAPH, { command: { resume: [response] }, streamMode: 'events' })) parts.push(part);
  return parts;
}

test('an edit with every field a string is converted exactly and runs the edited call; the events show each node start', async () => {
  const { threadId, interrupt } = await waiting(20);
  expect(interrupt.value.action_request).toEqual({ action: 'convert_temperature', args: { celsius: 20 } });
  const parts = await answer(threadId, { type: 'edit', args: { action: 'convert_temperature', args: { celsius: '25' } } });
  const started = parts.filter((p) => (p.data as { event?: string })?.event === 'on_chain_start').map((p) => (p.data as { metadata: { langgraph_node: string } }).metadata.langgraph_node);
  expect(started).toEqual(expect.arrayContaining(['tools', 'agent']));
  expect(parts.some((p) => p.event === 'error')).toBe(false);
  const thread = await t.sdk('carol').threads.get<{ messages: Array<{ content: string }> }>(threadId);
  expect(thread.status).toBe('idle');
  expect(thread.values.messages.at(-1)!.content).toBe('It is 77 °F');
});

test('an edit whose string is not exactly a number is refused 422 INVALID_ANSWER before any event, and the request still waits', async () => {
  const { threadId } = await waiting(30);
  const response = await t.fetch(`/threads/${threadId}/runs/stream`, {
    method: 'POST',
    body: JSON.stringify({ assistant_id: GRAPH, stream_mode: 'events', command: { resume: [{ type: 'edit', args: { action: 'convert_temperature', args: { celsius: '25 C' } } }] } }),
  });
  expect(response.status).toBe(422);
  expect(await response.json()).toEqual({ code: 'INVALID_ANSWER', message: expect.stringContaining('$.args.celsius') });
  expect((await t.sdk('carol').threads.get(threadId)).status).toBe('interrupted');
});

test("an accept carrying the action request's args (as strings) is a plain accept", async () => {
  const { threadId } = await waiting(100);
  await answer(threadId, { type: 'accept', args: { action: 'convert_temperature', args: { celsius: '100' } } });
  const thread = await t.sdk('carol').threads.get<{ messages: Array<{ content: string }> }>(threadId);
  expect(thread.values.messages.at(-1)!.content).toBe('It is 212 °F');
});

test('a run that fails streams an error event after its events, and runs.wait answers __error__', async () => {
  const carol = t.sdk('carol');
  const thread = await carol.threads.create({ graphId: GRAPH });
  // One superstep allowed: the model's turn runs, the tool step would be the second.
  const parts: Array<{ event: string; data: unknown }> = [];
  for await (const part of carol.runs.stream(thread.thread_id, GRAPH, { input: userSays('Convert 40 degrees'), streamMode: 'updates', config: { recursion_limit: 1 } })) parts.push(part);
  expect(parts[0].event).toBe('metadata');
  expect(parts.map((p) => p.event)).toContain('updates');
  expect(parts.at(-1)).toMatchObject({ event: 'error', data: { error: 'RECURSION_LIMIT', message: expect.stringContaining('Recursion limit of 1') } });
  expect((await carol.threads.get(thread.thread_id)).status).toBe('error');

  const other = await carol.threads.create({ graphId: GRAPH });
  const failed = await carol.runs.wait(other.thread_id, GRAPH, { input: userSays('Convert 41 degrees'), config: { recursion_limit: 1 }, raiseError: false });
  expect(failed).toEqual({ __error__: { error: 'RECURSION_LIMIT', message: expect.stringContaining('Recursion limit of 1') } });
});
