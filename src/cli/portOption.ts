import { InvalidArgumentError } from 'commander';

/** A `--port` value: a whole number from 0 to 65535 (commander reports anything else as a usage error). */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  return port;
}
