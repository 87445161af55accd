import { Annotation } from '../graph/annotation';
import { MessagesAnnotation } from '../graph/messages';

/** Token counts, summed over every model call of the thread. */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** The reducer of the `usage` key: adds a model call's counts to the totals. */
export function addUsage(total: TokenUsage, call: TokenUsage): TokenUsage {
  return {
    promptTokens: total.promptTokens + call.promptTokens,
    completionTokens: total.completionTokens + call.completionTokens,
    totalTokens: total.totalTokens + call.totalTokens,
  };
}

/** The agent's state: the conversation (messages reducer, replace by id) and the token totals. */
export const AgentAnnotation = Annotation.Root({
  ...MessagesAnnotation.spec,
  usage: Annotation<TokenUsage>({ reducer: addUsage, default: () => ({ promptTokens: 0, completionTokens: 0, totalTokens: 0 }) }),
});

export type AgentState = typeof AgentAnnotation.State;
export type AgentUpdate = typeof AgentAnnotation.Update;
