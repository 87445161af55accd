import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import type { FastifyInstance } from 'fastify';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { LlmConfig } from '../llm/settings';
import { GraphClient } from '../client/graphClient';
import { resolveTemporal } from '../server/resolveTemporal';
import { startScriptedModel, type ScriptedModelServer } from '../testing/scriptedModel';
import { DEMO_APPROVER, DEMO_MODEL_RULES, DEMO_REQUESTER, DEMO_THREADS, demoInput } from './demo';
import { reviewRequestOf } from '../agent/reviewVerbs';
import { answer, askReviewAnswer, describeItem, InboxThread, pendingItems } from './inbox';
import { packageVersion } from './packageVersion';
import { SHIPPED_GRAPHS, startShippedWorker, TASK_QUEUE } from './shippedWorker';
import { untilSignal } from './untilSignal';
import { createHttpServer } from '../http/createHttpServer';
import type { Identity } from '../engine/identity';
import { API_KEYS_VARIABLE, HTTP_PORT_VARIABLE, loadApiKeys, portFromEnv } from './commands/serve';

/** The model the agents talk to: OpenAI (or a compatible server) when configured, else the canned demo model. */
async function chooseModel(): Promise<{ llm: LlmConfig; scripted?: ScriptedModelServer }> {
  if (process.env.OPENAI_API_KEY || process.env.OPENAI_BASE_URL) {
    console.log(`Model: ${process.env.OPENAI_MODEL ?? 'gpt-4o-mini'} at ${process.env.OPENAI_BASE_URL ?? 'api.openai.com'}`);
    return { llm: {} };
  }
  const scripted = await startScriptedModel({ rules: DEMO_MODEL_RULES });
  console.log(`Model: no OPENAI_API_KEY is set, so the agents talk to a scripted local model at ${scripted.url} (canned answers).`);
  return { llm: { apiKey: 'demo', baseURL: scripted.url, model: scripted.model }, scripted };
}

/** Starts each demo thread once; a thread found from an earlier start is left as it is. */
/**
 * Starts the demo threads as the demo requester; the terminal inbox answers as the demo approver
 * (the payment agent's policy takes finance approvers who are not the requester).
 */
async function startDemoThreads(client: GraphClient): Promise<InboxThread[]> {
  const threads: InboxThread[] = [];
  const requester = client.withIdentity(DEMO_REQUESTER);
  const approver = client.withIdentity(DEMO_APPROVER);
  console.log(`  (started by ${DEMO_REQUESTER.name}; the inbox answers as ${DEMO_APPROVER.name})`);
  for (const demo of DEMO_THREADS) {
    const graph = approver.graph(demo.graph);
    const config = { configurable: { thread_id: demo.threadId } };
    const existing = await graph.getState(config);
    if (existing.createdAt) console.log(`  ${demo.threadId}: found (${existing.status})`);
    else {
      const result = await requester.graph(demo.graph).invoke(demoInput(demo), config);
      console.log(`  ${demo.threadId}: started, ${result.__interrupt__ ? `${result.__interrupt__.length} request(s) wait` : 'finished'}`);
    }
    threads.push({ threadId: demo.threadId, graph });
  }
  return threads;
}

async function printPending(threads: InboxThread[]): Promise<number> {
  const items = await pendingItems(threads);
  console.log(items.length ? `\n${items.length} request(s) wait for a human:` : '\nNothing waits for a human.');
  items.forEach((item, i) => console.log(describeItem(item, i)));
  return items.length;
}

/** The terminal inbox: pick a request, answer it, watch the thread go on; until q, Ctrl-C or SIGTERM. */
async function inbox(threads: InboxThread[], stop: AbortController): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  rl.on('SIGINT', () => stop.abort());
  const ask = (q: string) => rl.question(q, { signal: stop.signal });
  try {
    for (;;) {
      const items = await pendingItems(threads);
      await printPending(threads);
      const pick = (await ask(items.length ? '\nAnswer which? [number, Enter = 1, r = refresh, q = quit]: ' : '\n[Enter = refresh, q = quit]: ')).trim();
      if (pick === 'q') return;
      if (!items.length || pick === 'r') continue;
      const item = items[(Number(pick) || 1) - 1];
      if (!item) continue;
      const value = item.interrupt.value;
      if (reviewRequestOf(value).shape !== 'plain') {
        const response = await askReviewAnswer(ask, value);
        if (response) await answer(item, response);
      } else {
        const text = await ask('    answer (JSON, or plain text): ');
        await answer(item, parseAnswer(text));
      }
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  } finally {
    rl.close();
  }
}

function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The HTTP server and its web inbox, on DURABLE_GRAPH_HTTP_PORT (2024) or, when that is taken, a
 * free port. Its keys: one made now for each demo person (printed as inbox links: the key travels
 * in the link's fragment, never to the server's logs), and those of DURABLE_GRAPH_API_KEYS if set.
 */
async function startHttpServer(client: GraphClient): Promise<FastifyInstance> {
  const people: Array<[string, Identity]> = [DEMO_REQUESTER, DEMO_APPROVER].map((person) => [`${person.id}-${randomBytes(12).toString('hex')}`, person]);
  const configured = process.env[API_KEYS_VARIABLE] ? [...loadApiKeys(undefined)] : [];
  const app = createHttpServer({ client, graphs: SHIPPED_GRAPHS, apiKeys: new Map([...configured, ...people]) });
  const port = portFromEnv();
  const host = '127.0.0.1';
  const url = await app.listen({ port, host }).catch(async (err: unknown) => {
    if ((err as { code?: string }).code !== 'EADDRINUSE') throw err;
    console.log(`Port ${port} is taken (set ${HTTP_PORT_VARIABLE} to choose one): the HTTP server takes a free port.`);
    return app.listen({ port: 0, host });
  });
  console.log(`\nHTTP server (LangGraph's Agent Server API): ${url}`);
  console.log('Web inbox, signed in as each demo person:');
  for (const [key, person] of people) console.log(`  ${person.name}: ${url}/inbox#key=${key}`);
  console.log(`  (API keys for @langchain/langgraph-sdk or the CLI's --url/--api-key: ${people.map(([key, p]) => `${p.id} ${key}`).join(', ')})`);
  return app;
}

/**
 * The main job: Temporal (embedded unless TEMPORAL_ADDRESS is set), a worker serving the shipped
 * graphs, one thread per shipped agent, the HTTP server with the web inbox, and an inbox at the
 * terminal. Without a terminal it prints what waits and serves until SIGTERM.
 */
export async function runMainJob(): Promise<number> {
  console.log(`durable-graph ${packageVersion()}: the main job`);
  // Listen for Ctrl-C / SIGTERM from the first moment: a signal during start-up stops everything cleanly.
  const stop = new AbortController();
  void untilSignal().then(() => stop.abort());
  const stopped = () => stop.signal.aborted;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const temporal = await resolveTemporal({ persistent: true, job: 'durable-graph start' });
  let worker: Awaited<ReturnType<typeof startShippedWorker>> | undefined;
  let client: GraphClient | undefined;
  let scripted: ScriptedModelServer | undefined;
  let http: FastifyInstance | undefined;
  try {
    console.log(`Temporal: ${temporal.address} (namespace ${temporal.namespace}${temporal.embedded ? ', embedded' : ''})`);
    if (temporal.uiUrl) console.log(`Web UI: ${temporal.uiUrl}`);
    const model = await chooseModel();
    scripted = model.scripted;
    if (!stopped()) {
      console.log('Bundling the shipped graphs and starting a worker...');
      worker = await startShippedWorker(temporal, model.llm);
    }
    if (!stopped()) {
      client = await GraphClient.connect({ ...temporal, taskQueue: TASK_QUEUE });
      console.log(`Worker: task queue ${TASK_QUEUE}. Threads:`);
      const threads = await startDemoThreads(client);
      http = await startHttpServer(client);
      const interactive = process.stdin.isTTY || process.env.DURABLE_GRAPH_INTERACTIVE === '1';
      if (interactive) await inbox(threads, stop);
      else if (!stopped()) {
        await printPending(threads);
        console.log('\nNo terminal: serving until SIGTERM (answer in the web inbox above, with the CLI, or run this in a terminal).');
        await new Promise((resolve) => stop.signal.addEventListener('abort', resolve));
      }
    }
    console.log('Stopping...');
  } finally {
    await http?.close();
    await worker?.stop();
    await client?.close();
    await scripted?.close();
    await temporal.stop();
  }
  console.log('Stopped.');
  return 0;
}
