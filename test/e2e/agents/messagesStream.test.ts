// The `messages` stream mode (issue 8, item 2): model tokens arrive while the model activity runs,
// through its heartbeats; the workflow logs each reply once, whole; a rejoining reader continues
// mid-reply exactly.
import type { AIMessageChunk, MessageMetadata } from '../../../src/engine/messageChunk';
import type { GraphStream } from '../../../src/client/remoteGraph';
import type { Message } from '../../../src/graph/messages';
import { whenToolResult, whenUserSays } from '../../../src/testing';
import { AgentTestEnv, requestsAbout, startAgentTest, userSays } from '../../helpers/agentTest';

const STORY = 'Once upon a time a durable graph streamed its reply token by token, and every reader saw each word exactly once, even the one that lost its connection halfway.';
const SUMMARY = 'The search found three pages about tokens: what they are, how models count them, and why streaming them helps.';

let env: AgentTestEnv;
beforeAll(async () => {
  env = await startAgentTest({
    rules: [
      whenUserSays(/Tell me a story slowly/, { content: STORY, chunkDelayMs: 120 }),
      whenUserSays('Research tokens', { content: 'Let me search.', toolCalls: [{ name: 'search_web', args: { query: 'tokens' } }] }),
      whenToolResult('search_web', { content: SUMMARY, chunkDelayMs: 60 }),
    ],
  });
});
afterAll(() => env.stop());

const graph = () => env.client.graph('emailAgent');
type Chunk = [string, unknown];

async function rest(stream: AsyncIterable<unknown>): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for await (const chunk of stream) chunks.push(chunk as Chunk);
  return chunks;
}

/** The `messages` chunks of one reply, in order. */
function replyChunks(chunks: Chunk[], id: string): Array<[AIMessageChunk, MessageMetadata]> {
  return chunks.filter(([mode, c]) => mode === 'messages' && (c as [AIMessageChunk])[0].id === id).map(([, c]) => c as [AIMessageChunk, MessageMetadata]);
}

const isAgentUpdate = ([mode, c]: Chunk) => mode === 'updates' && Object.hasOwn(c as object, 'agent');
const lastAssistant = (messages: Message[]) => messages.filter((m) => m.role === 'assistant').at(-1)!;

test("the agent's reply arrives as several token chunks before the agent's update, and its chunks join to the message exactly once", async () => {
  const config = env.config(env.threadId('tokens'));
  const chunks = await rest(graph().stream(userSays('Tell me a story slowly'), { ...config, streamMode: ['messages', 'updates'] }));
  const reply = lastAssistant((await graph().getState(config)).values.messages as Message[]);
  expect(reply.content).toBe(STORY);
  const ofReply = replyChunks(chunks, reply.id!);
  const update = chunks.findIndex(isAgentUpdate);
  expect(update).toBeGreaterThan(0);
  // Every chunk of the reply comes before the node's update; the last one is the logged message, with the usage.
  expect(chunks.slice(0, update).filter(([mode]) => mode === 'messages')).toHaveLength(ofReply.length);
  const tokens = ofReply.slice(0, -1);
  const last = ofReply.at(-1)![0];
  expect(tokens.length).toBeGreaterThanOrEqual(3); // seen while the activity still ran: only its heartbeats carry them
  expect(tokens.every(([t]) => t.content.length > 0 && t.usage_metadata === undefined)).toBe(true);
  expect(last.usage_metadata).toEqual({ input_tokens: expect.any(Number), output_tokens: expect.any(Number), total_tokens: expect.any(Number) });
  expect(ofReply.map(([t]) => t.content).join('')).toBe(STORY);
  for (const [, metadata] of ofReply) {
    expect(metadata).toMatchObject({ thread_id: config.configurable.thread_id, langgraph_node: 'agent', langgraph_step: 1, langgraph_triggers: ['branch:to:agent'] });
  }
  expect(requestsAbout(env.model, 'Tell me a story slowly')[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
});

test('a reply with tool calls ends with a chunk carrying them, and the reply after the tool streams its tokens too', async () => {
  const config = env.config(env.threadId('tools'));
  const chunks = await rest(graph().stream(userSays('Research tokens'), { ...config, streamMode: ['messages', 'updates'] }));
  const messages = (await graph().getState(config)).values.messages as Message[];
  const [asking, answering] = messages.filter((m) => m.role === 'assistant');
  const call = asking.tool_calls![0];
  const last = replyChunks(chunks, asking.id!).at(-1)![0];
  expect(last.tool_call_chunks).toEqual([{ type: 'tool_call_chunk', id: call.id, name: 'search_web', args: '{"query":"tokens"}', index: 0 }]);
  expect(last.tool_calls).toEqual([{ type: 'tool_call', id: call.id, name: 'search_web', args: { query: 'tokens' } }]);
  expect(replyChunks(chunks, asking.id!).map(([t]) => t.content).join('')).toBe('Let me search.');
  const second = replyChunks(chunks, answering.id!);
  expect(second.length).toBeGreaterThanOrEqual(3);
  expect(second.map(([t]) => t.content).join('')).toBe(SUMMARY);
  expect(second[0][1]).toMatchObject({ langgraph_node: 'agent', langgraph_step: 3 });
  expect(chunks.map(([mode, c]) => (mode === 'updates' ? Object.keys(c as object)[0] : mode)).filter((m) => m !== 'messages')).toEqual(['agent', 'tools', 'agent']);
});

test('a reader that rejoins with the id of a token chunk continues the reply exactly: nothing repeated, nothing missed', async () => {
  const config = env.config(env.threadId('rejoin'));
  const modes = ['messages', 'updates'] as const;
  const stream: GraphStream = graph().stream(userSays('Tell me a story slowly, I may drop'), { ...config, streamMode: [...modes] });
  const before: Chunk[] = [];
  while (before.length < 2) {
    const next = await stream.next();
    if (next.done) throw new Error(`the stream ended after ${JSON.stringify(before)}`);
    before.push(next.value as Chunk);
  }
  const lastEventId = stream.lastEventId!;
  expect(lastEventId).toMatch(/^0:[^:]+:chatcmpl-scripted-\d+=\d+$/); // a token's id: no logged event yet
  await stream.return(undefined);
  const after = await rest(graph().joinStream(config, { lastEventId, streamMode: [...modes] }));
  const whole = [...before, ...after];
  const reply = lastAssistant((await graph().getState(config)).values.messages as Message[]);
  expect(replyChunks(whole, reply.id!).map(([t]) => t.content).join('')).toBe(STORY);
  expect(whole.filter(isAgentUpdate)).toHaveLength(1);
  // Joined once the run is over, the stream has the reply whole, once, in its logged chunk.
  const replay = await rest(graph().joinStream(config, { streamMode: [...modes] }));
  expect(replyChunks(replay, reply.id!).map(([t]) => t.content)).toEqual([STORY]);
});

test('without messages in streamMode the model is called without streaming, and no messages chunk is made', async () => {
  const config = env.config(env.threadId('plain'));
  const chunks = await rest(graph().stream(userSays('Tell me a story slowly, updates only'), { ...config, streamMode: ['updates', 'values'] }));
  expect(chunks.some(([mode]) => mode === 'messages')).toBe(false);
  const [request] = requestsAbout(env.model, 'Tell me a story slowly, updates only');
  expect(request.stream).toBeUndefined();
  expect(request.stream_options).toBeUndefined();
});
