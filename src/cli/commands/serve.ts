import { readFileSync } from 'node:fs';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { GraphClient } from '../../client/graphClient';
import { InvalidApiKeysError } from '../../engine/errors';
import { parseApiKeysVariable, parseAuthFile, type ApiKeys } from '../../http/apiKeys';
import { createHttpServer } from '../../http/createHttpServer';
import { resolveTemporal } from '../../server/resolveTemporal';
import type { CliCommand } from '../command';
import { parsePort } from '../portOption';
import { EMBEDDED_ENVIRONMENT, ENCRYPTION_ENVIRONMENT, MODEL_ENVIRONMENT, REMOTE_ENVIRONMENT } from '../helpTexts';
import { SHIPPED_GRAPHS, startShippedWorker, TASK_QUEUE } from '../shippedWorker';
import { untilSignal } from '../untilSignal';

interface ServeCommandOptions {
  port: number;
  host: string;
  authFile?: string;
  corsOrigin?: string;
}

/** LangGraph's dev server port (`langgraph dev`), so that clients find it where they look. */
export const DEFAULT_HTTP_PORT = 2024;
export const API_KEYS_VARIABLE = 'DURABLE_GRAPH_API_KEYS';
export const HTTP_PORT_VARIABLE = 'DURABLE_GRAPH_HTTP_PORT';

const HTTP_ENVIRONMENT = `
The HTTP server:
  ${API_KEYS_VARIABLE}   "key=id:role,role;key2=id2:role": API keys and the identities they stand for
                       (or --auth-file <file> with {"keys":{"<key>":{"id":"alice","roles":["finance"],"name":"Alice"}}})
  ${HTTP_PORT_VARIABLE}  its port (default: ${DEFAULT_HTTP_PORT}; --port sets it too)
`;


export function portFromEnv(): number {
  const value = process.env[HTTP_PORT_VARIABLE];
  if (!value) return DEFAULT_HTTP_PORT;
  try {
    return parsePort(value);
  } catch {
    throw new Error(`${HTTP_PORT_VARIABLE}=${JSON.stringify(value)} is not a port: a port is a whole number from 0 to 65535`);
  }
}

/** The API keys of the auth file, else of DURABLE_GRAPH_API_KEYS; INVALID_API_KEYS when neither is given or one is malformed. */
export function loadApiKeys(authFile: string | undefined, env: NodeJS.ProcessEnv = process.env): ApiKeys {
  if (authFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(authFile, 'utf8');
    } catch (err) {
      throw new InvalidApiKeysError(`The auth file ${authFile} cannot be read: ${(err as Error).message}`);
    }
    return parseAuthFile(text, authFile);
  }
  const variable = env[API_KEYS_VARIABLE];
  if (!variable) throw new InvalidApiKeysError(`The HTTP server needs API keys: set ${API_KEYS_VARIABLE}="key=id:role,role" or give --auth-file <file>`);
  return parseApiKeysVariable(variable);
}

/** The Agent Server API over the shipped graphs, with a worker (and the embedded Temporal unless TEMPORAL_ADDRESS is set), until Ctrl-C. */
export const serveCommand: CliCommand<ServeCommandOptions> = {
  name: 'serve',
  summary: "serve LangGraph's Agent Server API over HTTP (with a worker; Temporal included unless TEMPORAL_ADDRESS is set)",
  description:
    "Serves the subset of LangGraph's Agent Server API that @langchain/langgraph-sdk, Agent Inbox and Agent Chat UI use, over the shipped graphs (one assistant each), " +
    `and a worker for them on task queue ${TASK_QUEUE}. Every request needs an API key (x-api-key or Authorization: Bearer), which stands for an identity with roles; ` +
    'GET /ok, /info and /openapi.json need none. With TEMPORAL_ADDRESS it connects there; without it, it starts the embedded server as start does.',
  helpAfter: `${HTTP_ENVIRONMENT}${MODEL_ENVIRONMENT}${REMOTE_ENVIRONMENT}${EMBEDDED_ENVIRONMENT}${ENCRYPTION_ENVIRONMENT}`,
  options: (command) =>
    command
      .option('--port <port>', `port to listen on (default: ${HTTP_PORT_VARIABLE}, else ${DEFAULT_HTTP_PORT})`, parsePort)
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--auth-file <file>', `JSON file of API keys (instead of ${API_KEYS_VARIABLE})`)
      .option('--cors-origin <origin>', 'the one browser origin allowed (default: any)'),
  async run({ port, host, authFile, corsOrigin }) {
    // Keys first: a server that would refuse everyone is refused before anything starts.
    const apiKeys = loadApiKeys(authFile);
    const listenPort = port ?? portFromEnv();
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const temporal = await resolveTemporal({ persistent: true, job: 'durable-graph serve' });
    let worker: Awaited<ReturnType<typeof startShippedWorker>> | undefined;
    let client: GraphClient | undefined;
    let app: FastifyInstance | undefined;
    try {
      client = await GraphClient.connect({ ...temporal, taskQueue: TASK_QUEUE });
      app = createHttpServer({ client, graphs: SHIPPED_GRAPHS, apiKeys, ...(corsOrigin ? { corsOrigin } : {}) });
      // The port before the worker: a taken port is said at once, not after bundling the graphs.
      const url = await app.listen({ port: listenPort, host }).catch((err: unknown) => {
        if ((err as { code?: string }).code === 'EADDRINUSE') {
          throw new Error(`Port ${listenPort} on ${host} is taken; choose another with --port or ${HTTP_PORT_VARIABLE}`);
        }
        throw err;
      });
      worker = await startShippedWorker(temporal);
      console.log(`HTTP server: ${url} (${apiKeys.size} API key${apiKeys.size === 1 ? '' : 's'}; graphs ${SHIPPED_GRAPHS.join(', ')})`);
      console.log(`Temporal: ${temporal.address} (namespace ${temporal.namespace}${temporal.embedded ? ', embedded' : ''}); worker on task queue ${TASK_QUEUE}. Ctrl-C stops.`);
      const signal = await untilSignal();
      console.log(`${signal}: stopping...`);
    } finally {
      await app?.close();
      await worker?.stop();
      await client?.close();
      await temporal.stop();
    }
    return 0;
  },
};
