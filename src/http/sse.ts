// Server-sent events on a hijacked fastify reply: the headers fastify and its plugins set (CORS,
// Content-Location, Location) go out with the stream's own; a comment every few seconds keeps
// proxies from closing a stream that waits for a slow node.
import type { FastifyReply } from 'fastify';
import type { SseEvent } from './streamModes';

const HEARTBEAT_MS = 10_000;

export interface SseWriter {
  send(event: SseEvent, id?: string): void;
  /** True once the client has gone. */
  readonly closed: boolean;
  end(): void;
}

export function openSse(reply: FastifyReply): SseWriter {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  raw.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
  });
  const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  return {
    send({ event, data }, id) {
      if (closed) return;
      raw.write(`event: ${event}\ndata: ${JSON.stringify(data ?? null)}\n${id === undefined ? '' : `id: ${id}\n`}\n`);
    },
    get closed() {
      return closed;
    },
    end() {
      clearInterval(heartbeat);
      if (!closed) raw.end();
    },
  };
}
