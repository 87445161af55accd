import type { DataConverter } from '@temporalio/common';
import { InvalidEncryptionKeysError } from '../engine/errors';
import { createEncryptionCodec, keylessCodec, type EncryptionCodec } from './encryptionCodec';

/** The environment variable that turns encryption at rest on for clients, workers, the CLI and servers. */
export const ENCRYPTION_KEYS_VARIABLE = 'DURABLE_GRAPH_ENCRYPTION_KEYS';

/**
 * The codec DURABLE_GRAPH_ENCRYPTION_KEYS describes (`{ "currentKeyId": "k2", "keys": { "k1": "<base64>",
 * "k2": "<base64>" } }`), or undefined when it is unset. The only place the variable is read; malformed
 * JSON or keys throw INVALID_ENCRYPTION_KEYS naming it.
 */
export function encryptionCodecFromEnv(env: NodeJS.ProcessEnv = process.env): EncryptionCodec | undefined {
  const raw = env[ENCRYPTION_KEYS_VARIABLE];
  if (raw === undefined || raw.trim() === '') return undefined;
  const shape = `{ "currentKeyId": "k2", "keys": { "k1": "<base64>", "k2": "<base64>" } }`;
  let settings: unknown;
  try {
    settings = JSON.parse(raw);
  } catch (err) {
    throw new InvalidEncryptionKeysError(`${ENCRYPTION_KEYS_VARIABLE} is not JSON (${(err as Error).message}); expected ${shape}.`, { cause: err });
  }
  const { currentKeyId, keys } = (settings ?? {}) as { currentKeyId?: unknown; keys?: unknown };
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings) || typeof currentKeyId !== 'string' || typeof keys !== 'object' || keys === null) {
    throw new InvalidEncryptionKeysError(`${ENCRYPTION_KEYS_VARIABLE} must be ${shape}.`);
  }
  const badKey = Object.entries(keys).find(([, key]) => typeof key !== 'string');
  if (badKey) throw new InvalidEncryptionKeysError(`${ENCRYPTION_KEYS_VARIABLE}: key "${badKey[0]}" must be base64 text (32 bytes).`);
  try {
    return createEncryptionCodec({ currentKeyId, keys: keys as Record<string, string> });
  } catch (err) {
    if (err instanceof InvalidEncryptionKeysError) throw new InvalidEncryptionKeysError(`${ENCRYPTION_KEYS_VARIABLE}: ${err.message}`, { cause: err });
    throw err;
  }
}

/**
 * The data converter a client or worker uses. Payload codecs given explicitly win over the
 * environment; otherwise DURABLE_GRAPH_ENCRYPTION_KEYS's codec, else a keyless one, so that a process
 * without keys reading an encrypted thread is told which key id it needs (not "unknown encoding").
 */
export function dataConverterWithEncryption(explicit: DataConverter | undefined, env: NodeJS.ProcessEnv = process.env): DataConverter {
  if (explicit?.payloadCodecs) return explicit;
  return { ...explicit, payloadCodecs: [encryptionCodecFromEnv(env) ?? keylessCodec()] };
}
