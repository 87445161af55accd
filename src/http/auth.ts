// Who a request comes from: its API key (`x-api-key`, or `Authorization: Bearer <key>`) looked up
// in the server's keys. No key, or an unknown one, is 401.
import type { IncomingHttpHeaders } from 'node:http';
import type { Identity } from '../engine/identity';
import type { ApiKeys } from './apiKeys';
import { HttpRefusal } from './errorStatus';

export function identityOf(headers: IncomingHttpHeaders, keys: ApiKeys): Identity {
  const key = keyOf(headers);
  if (key === undefined) throw new HttpRefusal(401, 'UNAUTHENTICATED', 'This request needs an API key: send it as x-api-key or Authorization: Bearer <key>');
  const identity = keys.get(key);
  if (!identity) throw new HttpRefusal(401, 'UNAUTHENTICATED', 'The API key is not one this server knows');
  return identity;
}

function keyOf(headers: IncomingHttpHeaders): string | undefined {
  const header = headers['x-api-key'];
  const apiKey = Array.isArray(header) ? header[0] : header;
  if (apiKey) return apiKey.trim();
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return bearer?.[1];
}
