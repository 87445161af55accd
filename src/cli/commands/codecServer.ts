import { encryptionCodecFromEnv, ENCRYPTION_KEYS_VARIABLE } from '../../client/encryptionSettings';
import { InvalidEncryptionKeysError } from '../../engine/errors';
import { DEFAULT_CODEC_SERVER_PORT, DEFAULT_CORS_ORIGIN, startCodecServer } from '../../server/codecServer';
import type { CliCommand } from '../command';
import { parsePort } from '../portOption';
import { ENCRYPTION_ENVIRONMENT } from '../helpTexts';
import { untilSignal } from '../untilSignal';

interface CodecServerCommandOptions {
  port: number;
  host: string;
  corsOrigin: string;
}


/** Temporal's remote codec protocol for the Web UI, with the keys of DURABLE_GRAPH_ENCRYPTION_KEYS, until Ctrl-C. */
export const codecServerCommand: CliCommand<CodecServerCommandOptions> = {
  name: 'codec-server',
  summary: 'decrypt payloads for the Temporal Web UI (remote codec server) until Ctrl-C',
  description:
    `Serves Temporal's remote codec protocol (POST /encode, POST /decode) with the keys of ${ENCRYPTION_KEYS_VARIABLE}, so that key holders can read encrypted payloads in the Temporal Web UI: ` +
    'enter its URL as the Web UI\'s codec server endpoint (or start the UI with --ui-codec-endpoint <url>). Only the --cors-origin origin may call it from a browser; it listens on 127.0.0.1 unless --host says otherwise, and decrypts for anyone who reaches it.',
  helpAfter: ENCRYPTION_ENVIRONMENT,
  options: (command) =>
    command
      .option('--port <port>', 'port to listen on', parsePort, DEFAULT_CODEC_SERVER_PORT)
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--cors-origin <origin>', "the Web UI's origin, the one browser origin allowed", DEFAULT_CORS_ORIGIN),
  async run({ port, host, corsOrigin }) {
    const codec = encryptionCodecFromEnv();
    if (!codec) throw new InvalidEncryptionKeysError(`${ENCRYPTION_KEYS_VARIABLE} is not set: the codec server needs the keys to decrypt with.`);
    const server = await startCodecServer({ codec, port, host, corsOrigin });
    console.log(`Codec server: ${server.url} (keys ${codec.keyIds.join(', ')}; new payloads use ${codec.currentKeyId}; CORS for ${corsOrigin})`);
    console.log(`In the Web UI, set the codec server endpoint to ${server.url}. Press Ctrl-C to stop.`);
    await untilSignal();
    await server.close();
    return 0;
  },
};
