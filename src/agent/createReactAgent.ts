import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import { Annotation, type AnnotationRoot, type StateDefinition, type StateType, type UpdateType } from '../graph/annotation';
import type { CompiledGraph } from '../engine/compiledGraph';
import { END, START } from '../engine/constants';
import { GraphValidationError } from '../engine/errors';
import type { NodeContext } from '../engine/types';
import type { Message } from '../graph/messages';
import { StateGraph } from '../graph/stateGraph';
import type { NodeSelection } from '../graph/validate';
import type { LlmActivities, ModelTool } from '../llm/types';
import { AgentAnnotation, type AgentState, type AgentUpdate } from './agentState';
import { checkInterruptOn, checkPolicies, type ApprovalPolicies, type InterruptOnPolicies } from './approval';
import { messageChunkOf } from './messageChunk';
import type { Tool } from './tool';
import { pendingToolCalls, toolsNode } from './toolsNode';

/** Which chat model the agent calls; each setting left out is the LLM activity's default. */
export interface AgentModel {
  /** Model name, e.g. `gpt-4o-mini` (default: the worker's OPENAI_MODEL). */
  name?: string;
  temperature?: number;
}

/** Options of createReactAgent. */
export interface ReactAgentOptions<Extra extends StateDefinition = Record<never, never>> {
  model?: AgentModel;
  /** The tools the model may call (see `tool`). */
  tools: Tool[];
  /** A system prompt, sent before the conversation on every model call (not kept in state). */
  prompt?: string;
  /** Which tool calls wait for a human; tools not listed run without asking. */
  approval?: ApprovalPolicies;
  /**
   * Which tool calls wait for a human, in LangChain v1's HITL middleware vocabulary (answered with
   * decisions); a tool may be in `approval` or here, not both.
   */
  interruptOn?: InterruptOnPolicies;
  /** Static breakpoints, as in LangGraph: `['tools']` pauses before every tool step. */
  interruptBefore?: NodeSelection;
  interruptAfter?: NodeSelection;
  /** Graph name shown in visibility. */
  name?: string;
  /** Extra state keys beside `messages` and `usage` (tools may write them with `Command({ update })`). */
  stateSchema?: AnnotationRoot<Extra>;
}

/** The compiled agent: state `messages` + `usage` (+ the extra keys), nodes `agent` and `tools`. */
export type ReactAgent<Extra extends StateDefinition = Record<never, never>> = CompiledGraph<
  typeof AgentAnnotation.spec & Extra,
  AgentState & StateType<Extra>,
  AgentUpdate & UpdateType<Extra>
>;

// Model errors that retrying cannot fix (401, 400, no model configured) are non-retryable
// ApplicationFailures from the activity itself; this bounds everything else (429, 5xx, timeouts).
const MODEL_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
};

function checkTools(tools: Tool[]): void {
  const seen = new Set<string>();
  for (const t of tools) {
    if (typeof t?.parse !== 'function') throw new GraphValidationError(`Agent tool ${JSON.stringify(t?.name)} was not made with tool({ ... })`);
    if (seen.has(t.name)) throw new GraphValidationError(`Two agent tools are named "${t.name}"; tool names must be unique`);
    seen.add(t.name);
  }
}

/**
 * A tool-calling agent as LangGraph's createReactAgent: START → agent (the model) → tools (when it
 * called any) → agent ... → END. Risky calls each wait for a human (an agent-inbox HumanResponse
 * for `approval`, a LangChain v1 decision for `interruptOn`).
 */
export function createReactAgent<Extra extends StateDefinition = Record<never, never>>(options: ReactAgentOptions<Extra>): ReactAgent<Extra> {
  const { tools, approval = {}, interruptOn = {}, prompt } = options;
  checkTools(tools);
  checkPolicies(approval, tools.map((t) => t.name));
  checkInterruptOn(interruptOn, tools.map((t) => t.name), approval);
  const extra = options.stateSchema?.spec ?? {};
  const clash = Object.keys(extra).filter((k) => k in AgentAnnotation.spec);
  if (clash.length) throw new GraphValidationError(`stateSchema key(s) ${clash.join(', ')} belong to the agent's own state; rename them`);

  const { callModel } = proxyActivities<LlmActivities>(MODEL_ACTIVITY);
  const modelTools: ModelTool[] = tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters }));

  const agent = async (state: AgentState, ctx: NodeContext): Promise<AgentUpdate> => {
    const messages: Message[] = prompt === undefined ? state.messages : [{ role: 'system', content: prompt }, ...state.messages];
    const output = await callModel({
      messages,
      ...(modelTools.length ? { tools: modelTools } : {}),
      ...(options.model?.name !== undefined ? { model: options.model.name } : {}),
      ...(options.model?.temperature !== undefined ? { temperature: options.model.temperature } : {}),
      // Only a call that streams `messages` streams from the model: its tokens reach readers through the activity's heartbeats.
      ...(ctx.streamsMessages ? { stream: true, streamMetadata: ctx.messageMetadata } : {}),
    });
    ctx.emitMessage(messageChunkOf(output));
    const { message, usage } = output;
    // A server that repeats completion ids must not overwrite an earlier message: let the reducer number it.
    const { id, ...rest } = message;
    const reply: Message = id !== undefined && !state.messages.some((m) => m.id === id) ? message : rest;
    return { messages: [reply], usage };
  };

  const runTools = toolsNode(tools, { approval, interruptOn });
  const root: AnnotationRoot<StateDefinition> = Annotation.Root({ ...AgentAnnotation.spec, ...extra });
  // The graph is built over the erased StateDefinition (extra keys are the caller's); every state it
  // sees has AgentAnnotation's keys, so the casts to AgentState and to ReactAgent<Extra> hold.
  const graph = new StateGraph(root)
    .addNode('agent', (s, ctx) => agent(s as unknown as AgentState, ctx))
    .addNode('tools', (s, ctx) => runTools(s as unknown as AgentState, ctx), { ends: ['agent', END] })
    .addEdge(START, 'agent')
    .addConditionalEdges('agent', (s) => (pendingToolCalls((s as unknown as AgentState).messages).length ? 'tools' : END), ['tools', END])
    .compile({ interruptBefore: options.interruptBefore, interruptAfter: options.interruptAfter, name: options.name });
  return graph as unknown as ReactAgent<Extra>;
}
