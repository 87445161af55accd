import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { completionBody, completionChunks, errorBody, failureBody, sseEvents } from './openaiWire';
import { lastUserText } from './scriptedRules';
import type { ScriptedReply, ScriptedRequest, ScriptedRule } from './scriptedTypes';

/** How the scripted model answers. With both, script replies come first, then the rules. */
export interface ScriptedModelOptions {
  /** Replies consumed one per request, in order. */
  script?: ScriptedReply[];
  /** Tried in order once the script is used up; the first reply returned answers. */
  rules?: ScriptedRule[];
  /** The model id GET /v1/models lists (default `scripted-model`). Any model name is accepted. */
  model?: string;
  /** Port on 127.0.0.1 (default 0: a free port). */
  port?: number;
}

/** A running scripted OpenAI-compatible model server. */
export interface ScriptedModelServer {
  /** Base URL ending in `/v1`, for `new OpenAI({ baseURL })` or `OPENAI_BASE_URL`. */
  readonly url: string;
  /** The model id it lists. */
  readonly model: string;
  /** Every chat completions request body received, in order (failed and unmatched ones too). */
  readonly requests: readonly ScriptedRequest[];
  /** Script replies not yet consumed. */
  readonly scriptRemaining: number;
  /** Appends replies to the script. */
  enqueue(...replies: ScriptedReply[]): void;
  /** Stops listening and drops open connections, slow replies included. */
  close(): Promise<void>;
}

/** Starts a scripted OpenAI-compatible model server on 127.0.0.1. */
export async function startScriptedModel(options: ScriptedModelOptions = {}): Promise<ScriptedModelServer> {
  const model = options.model ?? 'scripted-model';
  const script = [...(options.script ?? [])];
  const rules = options.rules ?? [];
  const requests: ScriptedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let completions = 0;
  let toolCalls = 0;

  function pickReply(request: ScriptedRequest): ScriptedReply | undefined {
    if (script.length > 0) return script.shift();
    for (const rule of rules) {
      const reply = rule(request);
      if (reply !== undefined) return reply;
    }
    return undefined;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((done) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        done();
      }, ms);
      timers.add(timer);
    });
  }

  async function answer(res: ServerResponse, request: ScriptedRequest, reply: ScriptedReply): Promise<void> {
    if ('delayMs' in reply) {
      await sleep(reply.delayMs);
      return answer(res, request, reply.then);
    }
    if ('fail' in reply) {
      const headers: Record<string, string> = reply.fail === 429 ? { 'retry-after': String(reply.retryAfterSeconds ?? 1) } : {};
      return sendJson(res, reply.fail, failureBody(reply.fail, reply.message), headers);
    }
    const id = `chatcmpl-scripted-${++completions}`;
    const completion = completionBody(request, reply, id, () => `call_${++toolCalls}`);
    if (!request.stream) return sendJson(res, 200, completion);
    return sendStream(res, sseEvents(completionChunks(completion, request.stream_options?.include_usage === true)), reply.chunkDelayMs ?? 0);
  }

  /** Writes the events one by one, `delayMs` apart; stops when the client has gone. */
  async function sendStream(res: ServerResponse, events: string[], delayMs: number): Promise<void> {
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    for (const [i, event] of events.entries()) {
      if (i > 0 && delayMs > 0) await sleep(delayMs);
      if (res.destroyed) return;
      res.write(event);
    }
    res.end();
  }

  async function chatCompletion(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return sendJson(res, 400, errorBody('Request body is not valid JSON', 'invalid_request_error', null));
    }
    if (!isChatRequest(body)) {
      const message = 'A chat completions request needs `model` (a string) and `messages` (an array)';
      return sendJson(res, 400, errorBody(message, 'invalid_request_error', null));
    }
    requests.push(body);
    let reply: ScriptedReply | undefined;
    try {
      reply = pickReply(body);
    } catch (error) {
      const message = `A scripted model rule threw on request #${requests.length}: ${String(error)}`;
      return sendJson(res, 500, errorBody(message, 'server_error', 'scripted_rule_threw'));
    }
    if (reply === undefined) {
      // Loud on purpose: a test that strays from its script should fail with what was asked.
      const asked = lastUserText(body);
      const message =
        `No scripted reply matched request #${requests.length} (script used up, ${rules.length} rule(s) tried); ` +
        `last user message: ${asked === undefined ? '(none)' : JSON.stringify(asked)}`;
      return sendJson(res, 500, errorBody(message, 'server_error', 'no_scripted_reply'));
    }
    await answer(res, body, reply);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'POST' && path === '/v1/chat/completions') return chatCompletion(req, res);
    if (req.method === 'GET' && path === '/v1/models') {
      const listing = { object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'durable-graph' }] };
      return sendJson(res, 200, listing);
    }
    const message = `No route ${req.method} ${path}: the scripted model serves POST /v1/chat/completions and GET /v1/models`;
    sendJson(res, 404, errorBody(message, 'invalid_request_error', 'unknown_url'));
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(`Scripted model crashed: ${String(error)}`, 'server_error', null));
    });
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(options.port ?? 0, '127.0.0.1', () => listening());
  });
  const { port } = server.address() as AddressInfo; // listening on a TCP host, so never a pipe name

  return {
    url: `http://127.0.0.1:${port}/v1`,
    model,
    requests,
    get scriptRemaining() {
      return script.length;
    },
    enqueue: (...replies) => void script.push(...replies),
    close: () =>
      new Promise<void>((closed, failed) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? failed(error) : closed()));
        server.closeAllConnections();
      }),
  };
}

function isChatRequest(body: unknown): body is ScriptedRequest {
  if (typeof body !== 'object' || body === null) return false;
  const { model, messages } = body as { model?: unknown; messages?: unknown };
  return typeof model === 'string' && Array.isArray(messages);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, failed) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', failed);
  });
}

function sendJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  if (res.destroyed) return; // the client gave up (e.g. its timeout passed during a slow reply)
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
