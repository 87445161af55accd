// Encryption at rest: a Temporal PayloadCodec, so every payload a client or worker sends (inputs,
// state, interrupts, answers, activity arguments and results) reaches Temporal's database as
// AES-256-GCM ciphertext. Codecs run outside the workflow sandbox (in the client and in the
// worker's main thread), so workflow code and its determinism are untouched.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
// A dependency of @temporalio/common at the same pinned version: the Payload message's own encoding,
// so that the encrypted bytes are the standard serialized Payload other SDKs' codecs also use.
import { temporal } from '@temporalio/proto';
import { DecryptionFailedError, EncryptionKeyMissingError, InvalidEncryptionKeysError } from '../engine/errors';

/** The `encoding` metadata of an encrypted payload. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** The metadata entry naming the key a payload was encrypted with (rotation reads it). */
export const KEY_ID_METADATA = 'encryption-key-id';

/** A 32-byte AES-256 key: raw bytes, or their base64 text. */
export type EncryptionKey = Uint8Array | string;

/** What `createEncryptionCodec` takes: every key that may still be read, and the one new payloads use. */
export interface EncryptionCodecOptions {
  keys: Record<string, EncryptionKey>;
  /** The key id new payloads are encrypted with; older ids stay in `keys` to read what they wrote. */
  currentKeyId: string;
}

const KEY_BYTES = 32;
const IV_BYTES = 12; // GCM's standard nonce length; random per payload
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

/**
 * AES-256-GCM payload codec with key ids. `encode` encrypts the whole serialized payload (its
 * metadata included) with the current key; `decode` uses the key the payload names, and passes
 * payloads without the encrypted marker through unchanged (threads from before encryption was on).
 */
export class EncryptionCodec implements PayloadCodec {
  /** Use `createEncryptionCodec`, which checks the keys. */
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    /** Undefined: nothing is encrypted, but encrypted payloads are recognised and refused clearly. */
    readonly currentKeyId: string | undefined,
  ) {}

  /** The key ids this codec can read. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.currentKeyId;
    if (keyId === undefined) return payloads;
    const key = this.keys.get(keyId)!; // createEncryptionCodec checked that the current key exists
    return payloads.map((payload) => encrypt(payload, keyId, key));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.decrypt(payload) : payload));
  }

  private decrypt(payload: Payload): Payload {
    const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
    if (!keyIdBytes) throw new DecryptionFailedError(`An encrypted payload has no "${KEY_ID_METADATA}" metadata, so its key is unknown; it was not written by this codec.`);
    const keyId = Buffer.from(keyIdBytes).toString('utf8');
    const key = this.keys.get(keyId);
    if (!key) {
      const have = this.keys.size ? `it has ${this.keyIds.map((id) => `"${id}"`).join(', ')}` : 'it has no encryption keys';
      throw new EncryptionKeyMissingError(
        `This payload is encrypted with key id "${keyId}", which this process does not have (${have}). ` +
          `Add key "${keyId}" to DURABLE_GRAPH_ENCRYPTION_KEYS (or to createEncryptionCodec's keys): after a rotation, keep old keys for reading.`,
      );
    }
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) throw new DecryptionFailedError(`An encrypted payload (key id "${keyId}") is ${data.length} bytes, too short to be AES-256-GCM output.`);
    const iv = data.subarray(0, IV_BYTES);
    const tag = data.subarray(data.length - TAG_BYTES);
    const ciphertext = data.subarray(IV_BYTES, data.length - TAG_BYTES);
    let plaintext: Buffer;
    try {
      const decipher = createDecipheriv(ALGORITHM, key, iv);
      decipher.setAuthTag(tag);
      plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch (err) {
      throw new DecryptionFailedError(
        `An encrypted payload does not authenticate under key id "${keyId}": it was altered, or "${keyId}" names a different key than the one that wrote it.`,
        { cause: err },
      );
    }
    return temporal.api.common.v1.Payload.decode(plaintext);
  }
}

/**
 * The encryption codec for `dataConverter: { payloadCodecs: [codec] }` on GraphClient.connect and
 * createWorker. Throws INVALID_ENCRYPTION_KEYS when a key is not 32 bytes (naming the key id and the
 * length found) or `currentKeyId` has no key.
 */
export function createEncryptionCodec(options: EncryptionCodecOptions): EncryptionCodec {
  const { keys, currentKeyId } = options ?? {};
  if (typeof keys !== 'object' || keys === null || Object.keys(keys).length === 0) {
    throw new InvalidEncryptionKeysError('createEncryptionCodec needs keys: { [keyId]: key } with at least one 32-byte key (a Uint8Array or base64).');
  }
  const parsed = new Map(Object.entries(keys).map(([id, key]) => [id, keyBytes(id, key)]));
  if (typeof currentKeyId !== 'string' || !parsed.has(currentKeyId)) {
    throw new InvalidEncryptionKeysError(
      `currentKeyId ${JSON.stringify(currentKeyId)} is not one of the key ids (${[...parsed.keys()].map((id) => `"${id}"`).join(', ')}): new payloads are encrypted with it, so it needs a key.`,
    );
  }
  return new EncryptionCodec(parsed, currentKeyId);
}

/** A codec with no keys: it encrypts nothing, and refuses encrypted payloads saying which key id they need. */
export function keylessCodec(): EncryptionCodec {
  return new EncryptionCodec(new Map(), undefined);
}

function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  return encoding !== undefined && encoding !== null && Buffer.from(encoding).toString('utf8') === ENCRYPTED_ENCODING;
}

function encrypt(payload: Payload, keyId: string, key: Buffer): Payload {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const plaintext = temporal.api.common.v1.Payload.encode(payload).finish();
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    metadata: {
      [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
      [KEY_ID_METADATA]: Buffer.from(keyId),
    },
    data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The key's 32 bytes, or INVALID_ENCRYPTION_KEYS naming the key id and what was wrong. */
function keyBytes(keyId: string, key: EncryptionKey): Buffer {
  let bytes: Buffer;
  if (typeof key === 'string') {
    const text = key.trim();
    if (!BASE64.test(text) || text.length % 4 !== 0) {
      throw new InvalidEncryptionKeysError(`Encryption key "${keyId}" is not base64 text (expected 32 bytes, 44 base64 characters such as \`openssl rand -base64 32\` prints).`);
    }
    bytes = Buffer.from(text, 'base64');
  } else if (key instanceof Uint8Array) {
    bytes = Buffer.from(key);
  } else {
    throw new InvalidEncryptionKeysError(`Encryption key "${keyId}" is a ${key === null ? 'null' : typeof key}; give 32 bytes as a Uint8Array or base64 text.`);
  }
  if (bytes.length !== KEY_BYTES) {
    throw new InvalidEncryptionKeysError(`Encryption key "${keyId}" is ${bytes.length} bytes; AES-256 needs exactly ${KEY_BYTES} (e.g. \`openssl rand -base64 32\`).`);
  }
  return bytes;
}
