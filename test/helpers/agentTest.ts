import type { DataConverter } from '@temporalio/common';
import type { Ledger } from '../../activities';
import type { Interrupt } from '../../src';
import type { HumanInterrupt } from '../../src/agent/humanInterrupt';
import { startScriptedModel, type ScriptedModelServer, type ScriptedReply, type ScriptedRule } from '../../src/testing';
import { GraphTestEnv, startGraphTest } from './harness';

export interface AgentTestEnv extends GraphTestEnv {
  model: ScriptedModelServer;
}

/** A worker whose LLM activity talks to a scripted model server answering by `rules` (and `script` first). */
export async function startAgentTest(options: {
  rules: ScriptedRule[];
  script?: ScriptedReply[];
  activities?: object;
  ledger?: Ledger;
  /** Another Temporal server than the shared one. */
  address?: string;
  dataConverter?: DataConverter;
}): Promise<AgentTestEnv> {
  const model = await startScriptedModel({ rules: options.rules, script: options.script });
  const { rules: _rules, script: _script, ...rest } = options;
  const env = await startGraphTest({ ...rest, llm: { apiKey: 'test', baseURL: model.url } });
  return {
    ...env,
    model,
    async stop() {
      await env.stop();
      await model.close();
    },
  };
}

/** A user turn, as invoke input. */
export function userSays(content: string) {
  return { messages: [{ role: 'user' as const, content }] };
}

/** The pending interrupts as agent-inbox requests, with their ids. */
export function requests(interrupts: Interrupt[] | undefined): Array<{ id: string; value: HumanInterrupt }> {
  return (interrupts ?? []).map((i) => ({ id: i.id!, value: i.value as HumanInterrupt }));
}

/** The chat requests the model received whose first user message contains `text` (one thread's calls). */
export function requestsAbout(model: ScriptedModelServer, text: string) {
  return model.requests.filter((r) => r.messages.some((m) => m.role === 'user' && typeof m.content === 'string' && m.content.includes(text)));
}

/** Waits until `check` passes (effects of a tool that runs while another call of its turn waits). */
export async function eventually(check: () => void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
