// Temporal's remote codec protocol, so that the Web UI (and `temporal` CLI) can show encrypted
// payloads to whoever can reach this server: POST .../encode and .../decode take and return
// `{ payloads: [{ metadata: { key: base64 }, data: base64 }] }` (the Payload proto as JSON). Only the
// last path segment counts, so `/default/decode` works too; X-Namespace is accepted and ignored
// (one set of keys serves every namespace). Plain node:http: fastify is not among the dependencies.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { DurableGraphError } from '../engine/errors';

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** Default 8888 (Temporal's docs use it); 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the server decrypts for anyone who reaches it. */
  host?: string;
  /** The one browser origin allowed to call it (CORS), the Web UI's: default http://localhost:8233. */
  corsOrigin?: string;
}

export interface RunningCodecServer {
  /** e.g. http://127.0.0.1:8888, what to enter as the Web UI's codec server endpoint. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_CODEC_SERVER_PORT = 8888;
export const DEFAULT_CORS_ORIGIN = 'http://localhost:8233';
/** A page of history's payloads fits well under this; more is refused with 413. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** A request this server refuses, with the HTTP status to say so. */
class CodecRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The Payload proto as protobuf JSON: bytes as base64. */
interface JsonPayload {
  metadata?: Record<string, string> | null;
  data?: string | null;
}

/** Starts the codec server and resolves once it listens. */
export async function startCodecServer(options: CodecServerOptions): Promise<RunningCodecServer> {
  const corsOrigin = options.corsOrigin ?? DEFAULT_CORS_ORIGIN;
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    void handle(options.codec, corsOrigin, request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_CODEC_SERVER_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, port, close: () => closeServer(server) };
}

async function handle(codec: PayloadCodec, corsOrigin: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  allowOrigin(request, response, corsOrigin);
  try {
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    const endpoint = (request.url ?? '').split('?')[0].split('/').filter(Boolean).at(-1);
    if (endpoint !== 'encode' && endpoint !== 'decode') throw new CodecRequestError(404, 'Not found: POST to .../encode or .../decode.');
    if (request.method !== 'POST') throw new CodecRequestError(405, `Method ${request.method} not allowed: POST to .../${endpoint}.`);
    const payloads = parsePayloads(await readBody(request));
    const result = endpoint === 'encode' ? await codec.encode(payloads) : await codec.decode(payloads);
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ payloads: result.map(toJson) }));
  } catch (err) {
    // The protocol answers 400 to a payload the codec cannot decode (e.g. a key this server lacks).
    const status = err instanceof CodecRequestError ? err.status : err instanceof DurableGraphError ? 400 : 500;
    const message = err instanceof DurableGraphError ? `${err.code}: ${err.message}` : (err as Error).message;
    if (!response.headersSent) response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(message);
  }
}

/** CORS for the allowed origin only: any other origin gets no allowance, so browsers there cannot read the answers. */
function allowOrigin(request: IncomingMessage, response: ServerResponse, corsOrigin: string): void {
  response.setHeader('Vary', 'Origin');
  if (request.headers.origin !== corsOrigin) return;
  response.setHeader('Access-Control-Allow-Origin', corsOrigin);
  response.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
  // The Web UI sends X-Namespace always, Authorization when told to pass the user's token.
  response.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization');
  response.setHeader('Access-Control-Allow-Credentials', 'true');
  response.setHeader('Access-Control-Max-Age', '600');
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new CodecRequestError(413, `Body larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parsePayloads(body: string): Payload[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new CodecRequestError(400, 'The body is not JSON; expected { "payloads": [{ "metadata": { "encoding": "<base64>" }, "data": "<base64>" }] }.');
  }
  const payloads = (parsed as { payloads?: unknown } | null)?.payloads;
  if (!Array.isArray(payloads)) throw new CodecRequestError(400, 'Expected { "payloads": [...] }.');
  return payloads.map((payload, i) => fromJson(payload, i));
}

function fromJson(value: unknown, index: number): Payload {
  const { metadata, data } = (value ?? {}) as JsonPayload;
  const bytes = (text: unknown, what: string): Uint8Array => {
    if (typeof text !== 'string') throw new CodecRequestError(400, `payloads[${index}].${what} must be base64 text.`);
    return Buffer.from(text, 'base64');
  };
  return {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([key, text]) => [key, bytes(text, `metadata.${key}`)])),
    data: data === undefined || data === null ? undefined : bytes(data, 'data'),
  };
}

function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, bytes]) => [key, Buffer.from(bytes ?? []).toString('base64')])),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
