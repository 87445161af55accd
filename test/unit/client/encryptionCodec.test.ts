import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { createEncryptionCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, keylessCodec } from '../../../src/client/encryptionCodec';
import { metadataText } from '../../helpers/storedPayloads';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const secret = { recipient: 'Zebulon Quartermaine', amount: 987654.32 };

function payloadOf(value: unknown): Payload {
  return defaultPayloadConverter.toPayload(value);
}
function valueOf(payload: Payload): unknown {
  return defaultPayloadConverter.fromPayload(payload);
}
async function errorOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: Error & { code?: string }) => err,
  );
}

test('a payload encrypted and decrypted again is the same value, and its bytes do not contain the plaintext', async () => {
  const codec = createEncryptionCodec({ keys: { k1 }, currentKeyId: 'k1' });
  const [encrypted] = await codec.encode([payloadOf(secret)]);
  expect(metadataText(encrypted, METADATA_ENCODING_KEY)).toBe(ENCRYPTED_ENCODING);
  expect(metadataText(encrypted, KEY_ID_METADATA)).toBe('k1');
  expect(Buffer.from(encrypted.data!).includes('Zebulon')).toBe(false);
  expect(Buffer.from(encrypted.data!).includes('json/plain')).toBe(false); // the inner metadata is encrypted too
  const [decrypted] = await codec.decode([encrypted]);
  expect(valueOf(decrypted)).toEqual(secret);
});

test('the same payload encrypted twice gives different ciphertexts (a random IV per payload)', async () => {
  const codec = createEncryptionCodec({ keys: { k1 }, currentKeyId: 'k1' });
  const [a, b] = await codec.encode([payloadOf(secret), payloadOf(secret)]);
  expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
});

test('after a rotation to k2, payloads written with k1 still decode and new ones use k2', async () => {
  const before = createEncryptionCodec({ keys: { k1 }, currentKeyId: 'k1' });
  const [old] = await before.encode([payloadOf('written before the rotation')]);
  const after = createEncryptionCodec({ keys: { k1, k2 }, currentKeyId: 'k2' });
  const [fresh] = await after.encode([payloadOf('written after')]);
  expect(metadataText(fresh, KEY_ID_METADATA)).toBe('k2');
  expect((await after.decode([old, fresh])).map(valueOf)).toEqual(['written before the rotation', 'written after']);
});

test('a payload whose key id is not configured fails saying it is encrypted and which key id it needs', async () => {
  const [old] = await createEncryptionCodec({ keys: { k1 }, currentKeyId: 'k1' }).encode([payloadOf(secret)]);
  const err = await errorOf(createEncryptionCodec({ keys: { k2 }, currentKeyId: 'k2' }).decode([old]));
  expect(err.code).toBe('ENCRYPTION_KEY_MISSING');
  expect(err.message).toContain('encrypted with key id "k1"');
  expect(err.message).toContain('it has "k2"');
  const keyless = await errorOf(keylessCodec().decode([old]));
  expect(keyless.code).toBe('ENCRYPTION_KEY_MISSING');
  expect(keyless.message).toContain('encrypted with key id "k1", which this process does not have (it has no encryption keys)');
});

test('an altered ciphertext is refused with DECRYPTION_FAILED, not decoded into something else', async () => {
  const codec = createEncryptionCodec({ keys: { k1 }, currentKeyId: 'k1' });
  const [encrypted] = await codec.encode([payloadOf(secret)]);
  const data = Buffer.from(encrypted.data!);
  data[20] ^= 0x01;
  const err = await errorOf(codec.decode([{ ...encrypted, data }]));
  expect(err.code).toBe('DECRYPTION_FAILED');
  expect(err.message).toContain('does not authenticate under key id "k1"');
});

test('a different key under the same id is refused with DECRYPTION_FAILED', async () => {
  const [encrypted] = await createEncryptionCodec({ keys: { k1 }, currentKeyId: 'k1' }).encode([payloadOf(secret)]);
  const err = await errorOf(createEncryptionCodec({ keys: { k1: k2 }, currentKeyId: 'k1' }).decode([encrypted]));
  expect(err.code).toBe('DECRYPTION_FAILED');
});

test('payloads without the encrypted marker pass through decode unchanged (threads from before encryption)', async () => {
  const codec = createEncryptionCodec({ keys: { k1 }, currentKeyId: 'k1' });
  const plain = payloadOf(secret);
  const [decoded] = await codec.decode([plain]);
  expect(decoded).toBe(plain);
});

test('a keyless codec encrypts nothing', async () => {
  const plain = payloadOf(secret);
  expect(await keylessCodec().encode([plain])).toEqual([plain]);
});

test('keys may be base64 text', async () => {
  const codec = createEncryptionCodec({ keys: { k1: k1.toString('base64') }, currentKeyId: 'k1' });
  const binary = createEncryptionCodec({ keys: { k1 }, currentKeyId: 'k1' });
  expect((await binary.decode(await codec.encode([payloadOf(secret)]))).map(valueOf)).toEqual([secret]);
});

describe('keys that cannot work are refused at creation with INVALID_ENCRYPTION_KEYS', () => {
  test.each([
    ['16 bytes', { k1, short: randomBytes(16) }, 'short', 'Encryption key "short" is 16 bytes; AES-256 needs exactly 32'],
    ['base64 of 24 bytes', { k1, b: randomBytes(24).toString('base64') }, 'k1', 'Encryption key "b" is 24 bytes'],
    ['text that is not base64', { k1, c: 'not a key!' }, 'k1', 'Encryption key "c" is not base64 text'],
    ['a current key id without a key', { k1 }, 'k9', 'currentKeyId "k9" is not one of the key ids ("k1")'],
    ['no keys at all', {}, 'k1', 'needs keys'],
  ])('%s', (_what, keys, currentKeyId, message) => {
    expect(() => createEncryptionCodec({ keys, currentKeyId })).toThrow(
      expect.objectContaining({ code: 'INVALID_ENCRYPTION_KEYS', message: expect.stringContaining(message) }),
    );
  });
});
