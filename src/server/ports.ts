import { createServer } from 'node:net';

/**
 * Thrown by resolveTemporal({ persistent: true }) when the fixed port of the embedded server (or of
 * its Web UI) is taken by another process, e.g. a job using another state folder.
 */
export class PortInUseError extends Error {
  readonly code = 'PORT_IN_USE';
  constructor(
    readonly port: number,
    message: string,
  ) {
    super(message);
    this.name = 'PortInUseError';
  }
}

/** True when nothing listens on `host:port` (we could listen there ourselves). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}
