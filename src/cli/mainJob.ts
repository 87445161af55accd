import { createInterface } from 'node:readline/promises';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { LlmConfig } from '../llm/settings';
import { GraphClient } from '../client/graphClient';
import { resolveTemporal } from '../server/resolveTemporal';
import { startScriptedModel, type ScriptedModelServer } from '../testing/scriptedModel';
import { DEMO_APPROVER, DEMO_MODEL_RULES, DEMO_REQUESTER, DEMO_THREADS, demoInput } from './demo';
import { reviewRequestOf } from '../agent/reviewVerbs';
import { answer, askReviewAnswer, describeItem, InboxThread, pendingItems } from './inbox';
import { packageVersion } from './packageVersion';
import { startShippedWorker, TASK_QUEUE } from './shippedWorker';
import { untilSignal } from './untilSignal';

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
 * The main job: Temporal (embedded unless TEMPORAL_ADDRESS is set), a worker serving the shipped
 * graphs, one thread per shipped agent, and an inbox at the terminal. Without a terminal it prints
 * what waits and serves until SIGTERM.
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
      const interactive = process.stdin.isTTY || process.env.DURABLE_GRAPH_INTERACTIVE === '1';
      if (interactive) await inbox(threads, stop);
      else if (!stopped()) {
        await printPending(threads);
        console.log('\nNo terminal: serving until SIGTERM (answer with the GraphClient or run this in a terminal).');
        await new Promise((resolve) => stop.signal.addEventListener('abort', resolve));
      }
    }
    console.log('Stopping...');
  } finally {
    await worker?.stop();
    await client?.close();
    await scripted?.close();
    await temporal.stop();
  }
  console.log('Stopped.');
  return 0;
}
