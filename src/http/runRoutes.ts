// Runs: a run is one request to the thread's workflow, and its run id is the request id. So a run is
// found again from the thread itself (its audit log, its stream events, the outcome it keeps), by
// this server or any other, after any restart.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditEntry } from '../client/auditLog';
import type { GraphConfig } from '../client/config';
import type { InvokeResult, RemoteGraph } from '../client/remoteGraph';
import { Command, isCommand } from '../engine/command';
import type { StreamMode } from '../runtime/protocol';
import { DurableGraphError, UnknownGraphError } from '../engine/errors';
import type { ServerContext } from './createHttpServer';
import { errorAnswer, HttpRefusal } from './errorStatus';
import { exactInboxAnswer } from './inboxAnswers';
import { RUN_BODY_SCHEMA, runCallOf, type RunBody, type RunCall } from './runRequest';
import { openSse } from './sse';
import { httpModes, libraryModes, SseTranslator, type HttpStreamMode } from './streamModes';
import { servedThread } from './threadLookup';
import { runView, type RunStatus } from './views';

type ThreadParams = { Params: { thread_id: string } };
type RunParams = { Params: { thread_id: string; run_id: string } };

/** Codes that are a run's own failure: reported in its result, as LangGraph's `__error__`, not as a refusal. */
const RUN_FAILURES = new Set(['NODE_FAILED', 'RECURSION_LIMIT']);

export function runRoutes(context: ServerContext): FastifyPluginAsync {
  /** The run's call, with Agent Inbox's answers made exact for what the thread has pending. */
  const prepare = async (request: FastifyRequest, threadId: string, body: RunBody) => {
    const call = runCallOf(threadId, body);
    if (!context.graphs.includes(call.graph)) throw new UnknownGraphError(`Unknown graph "${call.graph}"; this server serves ${context.graphs.join(', ')}`);
    const graph = context.clientFor(request).graph(call.graph);
    const runId = randomUUID();
    return { call: { ...call, input: await exactInput(graph, call) }, graph, runId, config: { ...call.config, requestId: runId } satisfies GraphConfig };
  };
  const runHeaders = (reply: FastifyReply, threadId: string, runId: string) =>
    reply.header('Content-Location', `/threads/${encodeURIComponent(threadId)}/runs/${runId}`);

  /** The run's entry in the thread's audit log, or NOT_FOUND. */
  const auditedRun = async (request: FastifyRequest, threadId: string, runId: string) => {
    const thread = await servedThread(context, threadId);
    const graph = context.clientFor(request).graph(thread.graph);
    const entry = (await graph.getAuditLog({ configurable: { thread_id: threadId } })).find((e) => e.requestId === runId && e.kind !== 'updateState');
    if (!entry) throw new HttpRefusal(404, 'NOT_FOUND', `Thread "${threadId}" has no run "${runId}"`);
    return { thread, graph, entry };
  };

  return async (app) => {
    app.post<ThreadParams & { Body: RunBody }>('/threads/:thread_id/runs/wait', { schema: { summary: 'Run, and answer when the thread pauses or finishes', body: RUN_BODY_SCHEMA } }, async (request, reply) => {
      const { call, graph, config, runId } = await prepare(request, request.params.thread_id, request.body);
      runHeaders(reply, request.params.thread_id, runId);
      return resultOrFailure(graph.invoke(call.input, config));
    });

    app.post<ThreadParams & { Body: RunBody }>('/threads/:thread_id/runs', { schema: { summary: 'Start a run in the background (answers once the thread has accepted it)', body: RUN_BODY_SCHEMA } }, async (request, reply) => {
      const threadId = request.params.thread_id;
      const { call, graph, config, runId } = await prepare(request, threadId, request.body);
      const modes = request.body.stream_mode === undefined ? undefined : libraryModes(httpModes(request.body.stream_mode));
      await graph.submit(call.input, { ...config, ...(modes ? { streamMode: modes } : {}) });
      runHeaders(reply, threadId, runId);
      const now = new Date().toISOString();
      return runView({ runId, threadId, graph: call.graph, createdAt: now, status: 'pending', multitaskStrategy: call.multitaskStrategy });
    });

    app.post<ThreadParams & { Body: RunBody }>(
      '/threads/:thread_id/runs/stream',
      { schema: { summary: "Run and stream its events (SSE): first `metadata` { run_id, attempt }, then the stream modes' events", body: RUN_BODY_SCHEMA } },
      async (request, reply) => {
        const threadId = request.params.thread_id;
        const modes = httpModes(request.body.stream_mode);
        const { call, graph, config, runId } = await prepare(request, threadId, request.body);
        // Accepted before the stream opens: a refusal is an error status, not an event.
        const submitted = await graph.submit(call.input, { ...config, streamMode: libraryModes(modes) });
        runHeaders(reply, threadId, runId);
        reply.header('Location', `/threads/${encodeURIComponent(threadId)}/runs/${runId}/stream`);
        await streamRun(reply, graph, threadId, runId, modes, undefined, submitted.result);
      },
    );

    app.get<ThreadParams>('/threads/:thread_id/runs', { schema: { summary: "The thread's runs, oldest first" } }, async (request) => {
      const thread = await servedThread(context, request.params.thread_id);
      const log = await context.clientFor(request).graph(thread.graph).getAuditLog({ configurable: { thread_id: thread.threadId } });
      return log.filter((e) => e.kind !== 'updateState').map((e) => runOf(thread.threadId, thread.graph, e));
    });

    app.get<RunParams>('/threads/:thread_id/runs/:run_id', { schema: { summary: 'A run and its status' } }, async (request) => {
      const { thread, entry } = await auditedRun(request, request.params.thread_id, request.params.run_id);
      return runOf(thread.threadId, thread.graph, entry);
    });

    app.get<RunParams>('/threads/:thread_id/runs/:run_id/join', { schema: { summary: 'Wait for a run, then answer as /runs/wait does' } }, async (request) => {
      const { thread_id: threadId, run_id: runId } = request.params;
      const { graph } = await auditedRun(request, threadId, runId);
      const config = { configurable: { thread_id: threadId } };
      // A run the thread no longer keeps the outcome of (its 50 latest) has long settled: the thread now.
      return resultOrFailure(graph.awaitRun(config, runId).then(async (result) => result ?? (await currentResult(graph, config))));
    });

    app.get<RunParams & { Querystring: { stream_mode?: string | string[] } }>(
      '/threads/:thread_id/runs/:run_id/stream',
      {
        schema: {
          summary: 'Rejoin a run\'s stream: the events after Last-Event-ID (all the run\'s events without it)',
          querystring: { type: 'object', properties: { stream_mode: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } } },
        },
      },
      async (request, reply) => {
        const { thread_id: threadId, run_id: runId } = request.params;
        const modes = request.query.stream_mode === undefined ? undefined : httpModes(request.query.stream_mode);
        const { graph } = await auditedRun(request, threadId, runId);
        const lastEventId = request.headers['last-event-id'];
        await streamRun(reply, graph, threadId, runId, modes, typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : undefined);
      },
    );

    app.post<RunParams>('/threads/:thread_id/runs/:run_id/cancel', { schema: { summary: 'Not offered: see the answer' } }, async (request) => {
      await auditedRun(request, request.params.thread_id, request.params.run_id);
      throw new HttpRefusal(
        422,
        'UNSUPPORTED',
        'durable-graph does not cancel a run under way (a node that started finishes). To abandon pending work, POST /threads/{id}/state with { "values": null, "as_node": "__end__" }',
      );
    });
  };
}

/** A Command's resume made exact for the interrupts the thread has pending (Agent Inbox's string edits). */
async function exactInput(graph: RemoteGraph, call: RunCall): Promise<RunCall['input']> {
  if (!isCommand(call.input) || !Object.hasOwn(call.input, 'resume') || call.config.configurable.checkpoint_id) return call.input;
  const state = await graph.getState({ configurable: { thread_id: call.config.configurable.thread_id } });
  const { resume, update, goto } = call.input;
  return new Command({ resume: exactInboxAnswer(resume, state.interrupts), ...(update ? { update } : {}), ...(goto ? { goto } : {}) });
}

/** A run's result as the Agent Server answers it: values plus `__interrupt__`, or `__error__` when the run failed. */
async function resultOrFailure(result: Promise<InvokeResult>): Promise<Record<string, unknown>> {
  try {
    return await result;
  } catch (err) {
    if (err instanceof DurableGraphError && RUN_FAILURES.has(err.code)) return { __error__: { error: err.code, message: err.message } };
    throw err;
  }
}

/** The thread's values now, with `__interrupt__` while it is paused (as invoke returns them). */
async function currentResult(graph: RemoteGraph, config: GraphConfig): Promise<InvokeResult> {
  const state = await graph.getState(config);
  return state.status === 'interrupted' ? { ...state.values, __interrupt__: state.interrupts } : state.values;
}

/** A run as the Agent Server shows it, from its audit entry: settled when the entry has an outcome. */
function runOf(threadId: string, graph: string, entry: AuditEntry) {
  const status: RunStatus = !entry.outcome ? 'running' : entry.outcome.error ? 'error' : 'success';
  return runView({ runId: entry.requestId, threadId, graph, createdAt: entry.at, status });
}

/**
 * Streams a run's events as SSE: `metadata` first (a new run's only), then each event with its id,
 * then, when the run failed, an `error` event. The stream ends when the run pauses or finishes.
 */
async function streamRun(
  reply: FastifyReply,
  graph: RemoteGraph,
  threadId: string,
  runId: string,
  modes: HttpStreamMode[] | undefined,
  lastEventId: string | undefined,
  result?: Promise<InvokeResult>,
): Promise<void> {
  const sse = openSse(reply);
  if (result) sse.send({ event: 'metadata', data: { run_id: runId, attempt: 1 } });
  const events = graph.joinStream({ configurable: { thread_id: threadId } }, { requestId: runId, ...(lastEventId ? { lastEventId } : {}) });
  const translator = new SseTranslator(modes, runId);
  try {
    for await (const item of events) {
      if (sse.closed) break; // the client went away; the run goes on (join or rejoin it)
      const [mode, chunk] = item as [StreamMode, unknown]; // joinStream without streamMode yields [mode, chunk]
      for (const event of translator.eventsOf(mode, chunk)) sse.send(event, events.lastEventId);
    }
    if (result && !sse.closed) await result;
  } catch (err) {
    const { body } = errorAnswer(err);
    sse.send({ event: 'error', data: { error: body.code, message: body.message } });
  } finally {
    sse.end();
  }
}
