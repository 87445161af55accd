import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { createEncryptionCodec } from '../../../src/client/encryptionCodec';
import { startCodecServer, type RunningCodecServer } from '../../../src/server/codecServer';

const WEB_UI = 'http://localhost:8233';
const k1 = randomBytes(32);
let server: RunningCodecServer;
beforeAll(async () => {
  server = await startCodecServer({ codec: createEncryptionCodec({ keys: { k1 }, currentKeyId: 'k1' }), port: 0 });
});
afterAll(() => server.close());

interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}

/** A payload as the Web UI sends it: the Payload proto as JSON, bytes in base64. */
function asJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    data: Buffer.from(payload.data!).toString('base64'),
  };
}

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const original = asJson(defaultPayloadConverter.toPayload({ payee: 'Zebulon Quartermaine', amount: 987654.32 }));

test('POST /decode of what POST /encode returned gives the original payloads back', async () => {
  const encoded = (await (await post('/encode', { payloads: [original] })).json()) as { payloads: JsonPayload[] };
  expect(Buffer.from(encoded.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
  expect(Buffer.from(encoded.payloads[0].data, 'base64').includes('Zebulon')).toBe(false);
  const decoded = await post('/decode', encoded);
  expect(decoded.status).toBe(200);
  expect(decoded.headers.get('content-type')).toBe('application/json');
  expect(await decoded.json()).toEqual({ payloads: [original] });
});

test('only the last path segment counts, so the endpoints can sit under a namespace prefix', async () => {
  const encoded = await (await post('/default/encode', { payloads: [original] })).json();
  expect(await (await post('/default/decode', encoded)).json()).toEqual({ payloads: [original] });
});

test('a CORS preflight from the allowed origin is answered with the allowance, X-Namespace included', async () => {
  const response = await fetch(`${server.url}/decode`, {
    method: 'OPTIONS',
    headers: { Origin: WEB_UI, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-namespace' },
  });
  expect(response.status).toBe(204);
  expect(response.headers.get('access-control-allow-origin')).toBe(WEB_UI);
  expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  expect(response.headers.get('access-control-allow-headers')?.toLowerCase().split(', ')).toEqual(expect.arrayContaining(['content-type', 'x-namespace']));
  const decoded = await post('/decode', { payloads: [original] }, { Origin: WEB_UI });
  expect(decoded.headers.get('access-control-allow-origin')).toBe(WEB_UI);
});

test('another origin gets no CORS allowance, on the preflight or on the request', async () => {
  const preflight = await fetch(`${server.url}/decode`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
  expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
  const response = await post('/decode', { payloads: [original] }, { Origin: 'https://evil.example' });
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
});

test('a payload encrypted with a key the server lacks is a 400 naming the key id', async () => {
  const other = createEncryptionCodec({ keys: { k9: randomBytes(32) }, currentKeyId: 'k9' });
  const [foreign] = await other.encode([defaultPayloadConverter.toPayload('secret')]);
  const response = await post('/decode', { payloads: [asJson(foreign)] });
  expect(response.status).toBe(400);
  expect(await response.text()).toContain('ENCRYPTION_KEY_MISSING: This payload is encrypted with key id "k9"');
});

test('a body that is not the protocol JSON is a 400; other paths are 404 and other methods 405', async () => {
  expect((await post('/decode', 'not json')).status).toBe(400);
  expect((await post('/decode', { payload: [] })).status).toBe(400);
  expect((await post('/decode', { payloads: [{ metadata: { encoding: 5 } }] })).status).toBe(400);
  expect((await post('/elsewhere', { payloads: [] })).status).toBe(404);
  expect((await fetch(`${server.url}/decode`)).status).toBe(405);
});
