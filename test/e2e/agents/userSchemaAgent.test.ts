import { contentText, lastMessage, whenToolResult, whenUserSays } from '../../../src/testing';
import type { Message } from '../../../src/graph/messages';
import { AgentTestEnv, requestsAbout, startAgentTest, userSays } from '../../helpers/agentTest';

// createReactAgent with tools whose schemas the user's project built (test/helpers/userSchemaTools.ts):
// zod/mini, zod 4's classic API and a Standard Schema library with no zod in it.

const toolResults = (messages: Message[]) => messages.filter((m) => m.role === 'tool').map((m) => contentText(m.content));

let env: AgentTestEnv;
beforeAll(async () => {
  env = await startAgentTest({
    rules: [
      whenUserSays('Use every tool', {
        toolCalls: [
          { name: 'convert_temperature', args: { celsius: 100 } },
          { name: 'shout', args: { text: 'hello', times: 2 } },
          { name: 'distance_from_origin', args: { x: 3, y: 4 } },
        ],
      }),
      whenUserSays('Call each tool with bad arguments', {
        toolCalls: [
          { name: 'convert_temperature', args: { celsius: 'hot' } },
          { name: 'shout', args: { text: '' } },
          { name: 'distance_from_origin', args: { x: 3 } },
        ],
      }),
      whenToolResult('distance_from_origin', (request) => ({ content: `Done: ${contentText(lastMessage(request)?.content ?? '')}` })),
    ],
  });
});
afterAll(() => env.stop());

test("the model is offered each tool's JSON Schema, made by the user's own schema library", async () => {
  await env.client.graph('userSchemaAgent').invoke(userSays('Use every tool'), env.config(env.threadId('schemas')));
  const offered = (name: string, parameters: object) => ({ type: 'function', function: { name, description: expect.any(String), parameters } });
  expect(requestsAbout(env.model, 'Use every tool')[0].tools).toEqual([
    offered('convert_temperature', { type: 'object', properties: { celsius: { type: 'number' } }, required: ['celsius'] }),
    offered('shout', { type: 'object', properties: { text: { type: 'string', minLength: 1 }, times: expect.objectContaining({ type: 'integer', default: 1 }) }, required: ['text'] }),
    offered('distance_from_origin', { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } }, required: ['x', 'y'] }),
  ]);
});

test("tools whose schemas come from the user's zod/mini, zod 4 and another Standard Schema library run with the parsed arguments", async () => {
  const done = await env.client.graph('userSchemaAgent').invoke(userSays('Use every tool'), env.config(env.threadId('schemas')));
  expect(toolResults(done.messages as Message[])).toEqual(['212 °F', 'HELLO!HELLO!', '5']);
});

test("arguments failing the user's schema reach the model as errors in that library's words instead of the tools' output", async () => {
  const done = await env.client.graph('userSchemaAgent').invoke(userSays('Call each tool with bad arguments'), env.config(env.threadId('schemas')));
  expect(toolResults(done.messages as Message[])).toEqual([
    'Error: invalid arguments for convert_temperature: celsius: Invalid input: expected number, received string. Fix them and call convert_temperature again',
    'Error: invalid arguments for shout: text: Too small: expected string to have >=1 characters. Fix them and call shout again',
    'Error: invalid arguments for distance_from_origin: y: a number is required. Fix them and call distance_from_origin again',
  ]);
});
