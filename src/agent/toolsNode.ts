import { isCancellation } from '@temporalio/workflow';
import { Command, isCommand } from '../engine/command';
import { END } from '../engine/constants';
import type { Message, ToolCall } from '../graph/messages';
import { isPlainObject, type Values } from '../engine/state';
import { errorText } from '../engine/errorText';
import type { NodeContext } from '../engine/types';
import { getCurrentState } from '../runtime/interrupt';
import type { AgentState } from './agentState';
import { reviewCall, type ReviewPolicies } from './humanReview';
import type { Tool } from './tool';

type ToolMessage = Extract<Message, { role: 'tool' }>;
type AssistantMessage = Extract<Message, { role: 'assistant' }>;

/** What one tool call left behind. */
interface CallOutcome {
  /** The tool message answering the call (and any messages its Command added). */
  messages: Message[];
  /** Other state keys a tool's Command wrote. */
  update: Values;
  /** A human chose `ignore` (agent inbox): the call did not run. */
  ignored?: true;
  /** A human's edit: the arguments the call ran with instead. */
  editedArgs?: Record<string, unknown>;
}

/** Deterministic id, so a replayed or re-run step writes the same message. */
export function toolMessage(toolCallId: string, content: string): ToolMessage {
  return { id: `tool-${toolCallId}`, role: 'tool', content, tool_call_id: toolCallId };
}

/** The tool calls the agent must run now: those of the last message, when it is the model's. */
export function pendingToolCalls(messages: Message[]): ToolCall[] {
  const last = messages[messages.length - 1];
  return last?.role === 'assistant' ? (last.tool_calls ?? []) : [];
}

function failed(call: ToolCall, text: string): CallOutcome {
  return { messages: [toolMessage(call.id, `Error: ${text}`)], update: {} };
}

/** Turns what `execute` returned into the call's tool message (and state writes, for a Command). */
function outcomeOf(call: ToolCall, output: unknown): CallOutcome {
  if (!isCommand(output)) {
    const content = typeof output === 'string' ? output : output === undefined ? '(no output)' : JSON.stringify(output);
    return { messages: [toolMessage(call.id, content)], update: {} };
  }
  if (output.goto !== undefined) return failed(call, `${call.function.name} returned a Command with goto; a tool may only update state`);
  const { messages, ...update } = (output.update ?? {}) as Values & { messages?: Message | Message[] };
  const list = messages === undefined ? [] : Array.isArray(messages) ? messages : [messages];
  const answered = list.some((m) => m.role === 'tool' && m.tool_call_id === call.id);
  const keys = Object.keys(update).join(', ') || 'nothing';
  return { messages: answered ? list : [...list, toolMessage(call.id, `Updated ${keys}`)], update };
}

/**
 * Runs one tool call: checks its arguments, waits for a human when the policy says so, executes
 * it. Every failure becomes a tool message for the model; only cancellation propagates.
 */
async function runCall(call: ToolCall, tools: Map<string, Tool>, policies: ReviewPolicies, ctx: NodeContext): Promise<CallOutcome> {
  const name = call.function.name;
  const tool = tools.get(name);
  if (!tool) return failed(call, `there is no tool "${name}"; available tools: ${[...tools.keys()].join(', ')}`);
  try {
    let raw: unknown;
    try {
      raw = JSON.parse(call.function.arguments || '{}');
    } catch (err) {
      return failed(call, `the arguments of ${name} are not valid JSON (${(err as Error).message}); call it again with a JSON object`);
    }
    if (!isPlainObject(raw)) return failed(call, `the arguments of ${name} must be a JSON object`);
    const parsed = tool.parse(raw);
    if (!parsed.ok) return failed(call, `invalid arguments for ${name}: ${parsed.error}. Fix them and call ${name} again`);
    let args = parsed.value;
    let editedArgs: Record<string, unknown> | undefined;
    const review = await reviewCall(tool, raw, args, policies);
    if (!review.run) return { messages: [toolMessage(call.id, review.content)], update: {}, ...(review.ignored ? { ignored: true as const } : {}) };
    if (review.editedArgs) {
      const edited = tool.parse(review.editedArgs);
      if (!edited.ok) return failed(call, `the edited arguments for ${name} are invalid: ${edited.error}`); // the validator refuses these first
      args = edited.value;
      editedArgs = review.editedArgs;
    }
    const outcome = outcomeOf(call, await tool.execute(args, { toolCallId: call.id, threadId: ctx.threadId }));
    return editedArgs ? { ...outcome, editedArgs } : outcome;
  } catch (err) {
    if (isCancellation(err)) throw err; // updateState dropped the step: let the node end
    return failed(call, `${name} failed: ${errorText(err)}`);
  }
}

/** The model's message with edited calls rewritten, so the transcript shows what actually ran. */
function withEdits(ai: AssistantMessage, calls: ToolCall[], outcomes: CallOutcome[]): AssistantMessage {
  // Read the message as it is now: a human may have replaced it (same id) while the calls waited.
  let current: AssistantMessage = ai;
  try {
    const now = getCurrentState<AgentState>().messages?.find((m) => m.id === ai.id);
    if (now?.role === 'assistant') current = now;
  } catch {
    // Run inline as a subgraph: no thread state to read, the step's own copy stands.
  }
  const edits = new Map(calls.map((c, i) => [c.id, outcomes[i].editedArgs]));
  return {
    ...current,
    tool_calls: (current.tool_calls ?? []).map((c) => {
      const args = edits.get(c.id);
      return args ? { ...c, function: { ...c.function, arguments: JSON.stringify(args) } } : c;
    }),
  };
}

/**
 * The `tools` node: runs every call of the model's last message concurrently, each risky one
 * waiting for its own human answer. Goes back to the model, or ends when every call was ignored.
 */
export function toolsNode(tools: Tool[], policies: ReviewPolicies) {
  const byName = new Map(tools.map((t) => [t.name, t]));
  return async (state: AgentState, ctx: NodeContext): Promise<Command> => {
    const calls = pendingToolCalls(state.messages);
    if (!calls.length) return new Command({ goto: END });
    const ai = state.messages[state.messages.length - 1] as AssistantMessage;
    const outcomes = await Promise.all(calls.map((call) => runCall(call, byName, policies, ctx)));
    const messages: Message[] = outcomes.some((o) => o.editedArgs) ? [withEdits(ai, calls, outcomes)] : [];
    messages.push(...outcomes.flatMap((o) => o.messages));
    // Later calls win on a last-value key that several tools wrote.
    const update: Values = {};
    for (const outcome of outcomes) Object.assign(update, outcome.update);
    update.messages = messages;
    return new Command({ update, goto: outcomes.every((o) => o.ignored) ? END : 'agent' });
  };
}
