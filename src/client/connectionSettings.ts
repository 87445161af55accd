import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';

/** Where to reach Temporal, read from the environment (Temporal Cloud needs TLS or an API key). */
export interface ConnectionSettings {
  address: string;
  namespace: string;
  tls?: ConnectionOptions['tls'];
  apiKey?: string;
}

/**
 * TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_CERT / TEMPORAL_TLS_KEY (file paths,
 * mTLS), TEMPORAL_TLS=true (server TLS without a client certificate). Undefined without TEMPORAL_ADDRESS.
 */
export function connectionSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectionSettings | undefined {
  if (!env.TEMPORAL_ADDRESS) return undefined;
  const namespace = env.TEMPORAL_NAMESPACE ?? 'default';
  const apiKey = env.TEMPORAL_API_KEY || undefined;
  let tls: ConnectionOptions['tls'];
  if (env.TEMPORAL_TLS_CERT || env.TEMPORAL_TLS_KEY) {
    if (!env.TEMPORAL_TLS_CERT || !env.TEMPORAL_TLS_KEY) {
      throw new Error('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together (paths to the client certificate and key)');
    }
    tls = { clientCertPair: { crt: readFileSync(env.TEMPORAL_TLS_CERT), key: readFileSync(env.TEMPORAL_TLS_KEY) } };
  } else if (apiKey || env.TEMPORAL_TLS === 'true') {
    tls = true;
  }
  return { address: env.TEMPORAL_ADDRESS, namespace, tls, apiKey };
}
