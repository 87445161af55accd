// A run's body (POST /threads/{id}/runs, /runs/wait, /runs/stream) as the library's call: the input
// or Command, and the config with its per-call options. What durable-graph does not offer is
// refused as UNSUPPORTED (422), never ignored in a way that would change what the run does.
import type { GraphConfig } from '../client/config';
import { Command, Send, type Goto } from '../engine/command';
import { InvalidCommandError } from '../engine/errors';
import type { Values } from '../engine/state';
import { HttpRefusal } from './errorStatus';
import { checkMetadata } from './metadata';

/** The fields of a run's body that durable-graph reads (others the SDK sends are accepted and have no effect). */
export interface RunBody {
  assistant_id: string;
  input?: Values | null;
  command?: { resume?: unknown; update?: Values | null; goto?: unknown } | null;
  config?: { recursion_limit?: number; configurable?: Record<string, unknown> } | null;
  metadata?: Record<string, unknown> | null;
  stream_mode?: string | string[];
  interrupt_before?: '*' | string[];
  interrupt_after?: '*' | string[];
  multitask_strategy?: string;
  checkpoint_id?: string;
  checkpoint?: { checkpoint_id?: string } | null;
  webhook?: string;
  after_seconds?: number;
}

/** The JSON schema of RunBody, for fastify's validation and the OpenAPI document. */
export const RUN_BODY_SCHEMA = {
  type: 'object',
  required: ['assistant_id'],
  properties: {
    assistant_id: { type: 'string', description: 'The graph to run: assistant id = graph id = workflow type' },
    input: { type: ['object', 'null'], description: 'New input (state values); absent or null with no command: continue' },
    command: {
      type: ['object', 'null'],
      properties: { resume: {}, update: { type: ['object', 'null'] }, goto: {} },
      description: 'Command({ resume, update, goto }) instead of input',
    },
    config: { type: ['object', 'null'], properties: { recursion_limit: { type: 'integer', minimum: 1 } } },
    metadata: { type: ['object', 'null'] },
    stream_mode: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    interrupt_before: { anyOf: [{ type: 'string', enum: ['*'] }, { type: 'array', items: { type: 'string' } }] },
    interrupt_after: { anyOf: [{ type: 'string', enum: ['*'] }, { type: 'array', items: { type: 'string' } }] },
    multitask_strategy: { type: 'string', description: 'reject (default) or enqueue; interrupt and rollback are refused (422)' },
    checkpoint_id: { type: 'string', description: 'Continue (fork) from this past checkpoint' },
    checkpoint: { type: ['object', 'null'], properties: { checkpoint_id: { type: 'string' } } },
    webhook: { type: 'string' },
    after_seconds: { type: 'number' },
  },
} as const;

export interface RunCall {
  graph: string;
  input: Values | Command | null;
  config: GraphConfig;
  multitaskStrategy: 'reject' | 'enqueue';
}

export function runCallOf(threadId: string, body: RunBody): RunCall {
  if (body.webhook !== undefined) throw new HttpRefusal(422, 'UNSUPPORTED', 'webhook: durable-graph does not call webhooks; join the run or stream it');
  if (body.after_seconds !== undefined) throw new HttpRefusal(422, 'UNSUPPORTED', 'after_seconds: durable-graph does not delay runs');
  const multitaskStrategy = body.multitask_strategy ?? 'reject';
  if (multitaskStrategy !== 'reject' && multitaskStrategy !== 'enqueue') {
    throw new HttpRefusal(422, 'UNSUPPORTED', `multitask_strategy ${JSON.stringify(multitaskStrategy)}: durable-graph offers "reject" and "enqueue" (one writer per thread; nothing is interrupted or rolled back)`);
  }
  checkMetadata(body.metadata, body.assistant_id);
  const hasInput = body.input !== undefined && body.input !== null;
  const hasCommand = body.command !== undefined && body.command !== null;
  if (hasInput && hasCommand) throw new InvalidCommandError('Send input or command, not both');
  const checkpointId = body.checkpoint_id ?? body.checkpoint?.checkpoint_id;
  const config: GraphConfig = {
    configurable: { thread_id: threadId, ...(checkpointId === undefined ? {} : { checkpoint_id: checkpointId }) },
    multitaskStrategy,
    ...(body.config?.recursion_limit === undefined ? {} : { recursionLimit: body.config.recursion_limit }),
    ...(body.interrupt_before === undefined ? {} : { interruptBefore: body.interrupt_before }),
    ...(body.interrupt_after === undefined ? {} : { interruptAfter: body.interrupt_after }),
  };
  return { graph: body.assistant_id, input: hasCommand ? commandOf(body.command!) : hasInput ? body.input! : null, config, multitaskStrategy };
}

/** The body's command as the library's, with only the fields it has (an empty one is refused by the thread). */
function commandOf(command: NonNullable<RunBody['command']>): Command {
  return new Command({
    ...(Object.hasOwn(command, 'resume') ? { resume: command.resume } : {}),
    ...(command.update === undefined || command.update === null ? {} : { update: command.update }),
    ...(command.goto === undefined || command.goto === null ? {} : { goto: gotoOf(command.goto) }),
  });
}

/** LangGraph's JSON goto: a node, `{ node, input }` (a Send), or a list of them; anything else goes on for the thread to refuse. */
function gotoOf(goto: unknown): Goto {
  if (Array.isArray(goto)) return goto.map((g) => gotoOf(g) as string | Send);
  if (typeof goto === 'object' && goto !== null && typeof (goto as { node?: unknown }).node === 'string') {
    const { node, input } = goto as { node: string; input?: unknown };
    return new Send(node, input);
  }
  return goto as Goto; // a node name; another value is the thread's to refuse (INVALID_COMMAND)
}
