// What the client refuses before sending: values that are not JSON (Temporal's converter would
// change them silently) and requests too large for one Temporal payload.
import { isCommand, isSend, type Command, type Goto } from '../engine/command';
import { InvalidCommandError, InvalidUpdateError, PayloadTooLargeError } from '../engine/errors';
import { describeNonJson, findNonJson } from '../engine/json';
import type { Values } from '../engine/state';
import type { ThreadRequest } from '../runtime/protocol';
import type { GraphConfig } from './config';

/** Default `maxRequestBytes`: 512 KiB of JSON, well under Temporal's 2 MB payload limit. */
export const DEFAULT_MAX_REQUEST_BYTES = 512 * 1024;

/**
 * invoke's input as it travels: null, a state object, or a Command as plain JSON. Refuses values
 * JSON cannot hold: INVALID_UPDATE for input and a Command's update, INVALID_COMMAND for its resume and goto.
 */
export function runInputOf(input: unknown): Values | null {
  if (input === null) return null;
  if (isCommand(input)) return commandJson(input);
  refuseNonJson(input, 'invoke input', InvalidUpdateError);
  return input as Values;
}

/** updateState's values, checked: INVALID_UPDATE when they are not JSON. */
export function updateValuesOf(values: unknown): Values | null {
  if (values === null) return null;
  refuseNonJson(values, 'updateState values', InvalidUpdateError);
  return values as Values;
}

/**
 * Refuses a config that names a subgraph's snapshot (a non-empty `checkpoint_ns`, as
 * `getState(config, { subgraphs: true })` shows under a task): subgraphs run inline in the parent's
 * task and have no checkpoints of their own to read, update or run from.
 */
export function checkRootConfig(config: GraphConfig | undefined): void {
  const ns = config?.configurable?.checkpoint_ns;
  if (ns === undefined || ns === '') return;
  throw new InvalidCommandError(
    `This config names a subgraph (checkpoint_ns ${JSON.stringify(ns)}); subgraphs run inline in their parent's task and have no checkpoints of their own: use the thread's config (getState(config, { subgraphs: true }) shows the subgraph under its task)`,
  );
}

/** The size of a request on the wire: UTF-8 bytes of its JSON. */
export function requestBytes(request: ThreadRequest): number {
  return Buffer.byteLength(JSON.stringify(request), 'utf8');
}

/** Refuses a request larger than `limit` bytes of JSON (PAYLOAD_TOO_LARGE), naming the size and the limit. */
export function checkRequestSize(request: ThreadRequest, threadId: string, limit: number): void {
  const size = requestBytes(request);
  if (size <= limit) return;
  const what = request.kind === 'updateState' ? 'updateState request' : 'invoke request';
  throw new PayloadTooLargeError(
    `The ${what} to thread "${threadId}" is ${bytes(size)} of JSON, over the ${bytes(limit)} limit ` +
      `(GraphClient.connect({ maxRequestBytes })). Keep large data outside the thread and send a reference to it (an id, a URL).`,
  );
}

/** A Command as plain JSON (the fields it has, Sends as plain objects), each part checked. */
function commandJson(command: Command): Values {
  const json: Values = { lg_name: 'Command' };
  if ('resume' in command) {
    refuseNonJson(command.resume, 'Command resume', InvalidCommandError);
    json.resume = command.resume;
  }
  if (command.update !== undefined) {
    refuseNonJson(command.update, 'Command update', InvalidUpdateError);
    json.update = command.update;
  }
  if (command.goto !== undefined) json.goto = gotoJson(command.goto);
  return json;
}

function gotoJson(goto: Goto): unknown {
  const one = (target: unknown, path: string): unknown => {
    if (!isSend(target)) {
      refuseNonJson(target, 'Command goto', InvalidCommandError, path);
      return target;
    }
    refuseNonJson(target.arg, `Command goto ${path} (Send to "${target.node}") arg`, InvalidCommandError);
    return { lg_name: 'Send', node: target.node, arg: target.arg };
  };
  return Array.isArray(goto) ? goto.map((target, i) => one(target, `$[${i}]`)) : one(goto, '$');
}

function refuseNonJson(value: unknown, what: string, ErrorClass: new (message: string) => Error, at = '$'): void {
  const found = findNonJson(value);
  if (found) throw new ErrorClass(describeNonJson(what, { ...found, path: at + found.path.slice(1) }));
}

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}
