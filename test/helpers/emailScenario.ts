// What the email agents' tests (agent-inbox and LangChain v1 vocabularies) script the model with.
import { contentText, lastMessage, whenUserSays, type ScriptedRule } from '../../src/testing';

export const ADA = { to: 'ada@example.com', subject: 'Launch', body: 'We launch on Monday.' };
export const BOB = { to: 'bob@example.com', subject: 'Launch party', body: 'Drinks on Friday.' };

/** The model's answer to a user message containing `phrase`: these send_email calls. */
export function sends(phrase: string, ...emails: Array<Record<string, unknown>>): ScriptedRule {
  return whenUserSays(phrase, { toolCalls: emails.map((args) => ({ name: 'send_email', args })) });
}

/** After a tool result the model reports what the tool said. */
export const reportToolResult = (request: Parameters<ScriptedRule>[0]) => {
  const last = lastMessage(request);
  return { content: `Tool said: ${last?.role === 'tool' ? contentText(last.content) : '?'}` };
};
