import { messageChunkOf } from '../../../src/agent/messageChunk';

const usage = { promptTokens: 3, completionTokens: 4, totalTokens: 7 };

test('a text reply is one AIMessageChunk with its completion id, its text and the usage in LangChain names', () => {
  expect(messageChunkOf({ message: { id: 'chatcmpl-1', role: 'assistant', content: 'Hi.' }, usage })).toEqual({
    type: 'AIMessageChunk',
    id: 'chatcmpl-1',
    content: 'Hi.',
    usage_metadata: { input_tokens: 3, output_tokens: 4, total_tokens: 7 },
  });
});

test('tool calls come as streamed pieces and parsed; arguments that are not a JSON object make an invalid tool call', () => {
  const chunk = messageChunkOf({
    message: {
      id: 'chatcmpl-2',
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'pay', arguments: '{"to":"Bob"}' } },
        { id: 'call_2', type: 'function', function: { name: 'log', arguments: '[1' } },
      ],
    },
    usage,
  });
  expect(chunk.content).toBe('');
  expect(chunk.tool_call_chunks).toEqual([
    { type: 'tool_call_chunk', id: 'call_1', name: 'pay', args: '{"to":"Bob"}', index: 0 },
    { type: 'tool_call_chunk', id: 'call_2', name: 'log', args: '[1', index: 1 },
  ]);
  expect(chunk.tool_calls).toEqual([{ type: 'tool_call', id: 'call_1', name: 'pay', args: { to: 'Bob' } }]);
  expect(chunk.invalid_tool_calls).toEqual([{ type: 'invalid_tool_call', id: 'call_2', name: 'log', args: '[1', error: expect.stringContaining('JSON object') }]);
});
