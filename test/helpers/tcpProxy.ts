import { connect, createServer, type Socket } from 'node:net';

/** A TCP proxy in front of the Temporal server, which a test can cut and restore like a network. */
export interface TcpProxy {
  /** `127.0.0.1:<port>`: give it to a client as the Temporal address. */
  address: string;
  /** Resets every open connection and refuses new ones until `restore()`. */
  cut(): void;
  restore(): void;
  /** Connections refused since the proxy was last cut (the client trying again). */
  readonly refused: number;
  close(): Promise<void>;
}

/** Starts a proxy on a free local port forwarding to `target` (`host:port`). */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const colon = target.lastIndexOf(':');
  const host = target.slice(0, colon);
  const port = Number(target.slice(colon + 1));
  const open = new Set<Socket>();
  let isCut = false;
  let refused = 0;

  const server = createServer((client) => {
    if (isCut) {
      refused++;
      client.resetAndDestroy();
      return;
    }
    const upstream = connect({ host, port });
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined); // a reset is what this proxy is for
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: listening } = server.address() as { port: number };

  return {
    address: `127.0.0.1:${listening}`,
    cut() {
      isCut = true;
      refused = 0;
      for (const socket of open) socket.resetAndDestroy();
    },
    restore() {
      isCut = false;
    },
    get refused() {
      return refused;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
