import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { createEncryptionCodec, EncryptionCodec } from '../../../src/client/encryptionCodec';
import { dataConverterWithEncryption, encryptionCodecFromEnv } from '../../../src/client/encryptionSettings';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');
const env = (value: string) => ({ DURABLE_GRAPH_ENCRYPTION_KEYS: value });

test('DURABLE_GRAPH_ENCRYPTION_KEYS gives a codec that encrypts with currentKeyId and reads every key', async () => {
  const codec = encryptionCodecFromEnv(env(JSON.stringify({ currentKeyId: 'k2', keys: { k1, k2 } })))!;
  expect(codec.currentKeyId).toBe('k2');
  expect(codec.keyIds).toEqual(['k1', 'k2']);
  const old = await createEncryptionCodec({ keys: { k1 }, currentKeyId: 'k1' }).encode([defaultPayloadConverter.toPayload('old')]);
  expect(defaultPayloadConverter.fromPayload((await codec.decode(old))[0])).toBe('old');
});

test('no DURABLE_GRAPH_ENCRYPTION_KEYS (or an empty one) means no encryption codec', () => {
  expect(encryptionCodecFromEnv({})).toBeUndefined();
  expect(encryptionCodecFromEnv(env(' '))).toBeUndefined();
});

test.each([
  ['malformed JSON', '{ currentKeyId: k1 }', 'DURABLE_GRAPH_ENCRYPTION_KEYS is not JSON'],
  ['a JSON array', '[]', 'DURABLE_GRAPH_ENCRYPTION_KEYS must be { "currentKeyId"'],
  ['no currentKeyId', JSON.stringify({ keys: { k1 } }), 'DURABLE_GRAPH_ENCRYPTION_KEYS must be'],
  ['a key that is a number', JSON.stringify({ currentKeyId: 'k1', keys: { k1: 5 } }), 'key "k1" must be base64 text'],
  ['a short key', JSON.stringify({ currentKeyId: 'k1', keys: { k1: randomBytes(31).toString('base64') } }), 'DURABLE_GRAPH_ENCRYPTION_KEYS: Encryption key "k1" is 31 bytes'],
])('%s is refused with INVALID_ENCRYPTION_KEYS naming the variable', (_what, value, message) => {
  expect(() => encryptionCodecFromEnv(env(value))).toThrow(expect.objectContaining({ code: 'INVALID_ENCRYPTION_KEYS', message: expect.stringContaining(message) }));
});

test('payload codecs given explicitly win over the environment', () => {
  const explicit = createEncryptionCodec({ keys: { k1 }, currentKeyId: 'k1' });
  const converter = dataConverterWithEncryption({ payloadCodecs: [explicit] }, env('not even JSON'));
  expect(converter.payloadCodecs).toEqual([explicit]);
});

test('without explicit codecs the environment codec is used, else a keyless one that encrypts nothing', () => {
  const fromEnv = dataConverterWithEncryption(undefined, env(JSON.stringify({ currentKeyId: 'k1', keys: { k1 } })));
  expect((fromEnv.payloadCodecs![0] as EncryptionCodec).currentKeyId).toBe('k1');
  const none = dataConverterWithEncryption({ payloadConverterPath: '/some/path' }, {});
  expect(none.payloadConverterPath).toBe('/some/path');
  expect((none.payloadCodecs![0] as EncryptionCodec).currentKeyId).toBeUndefined();
});
