// The operator commands over durable-graph's HTTP server (`--url`, `--api-key`): the Agent Server
// routes (src/http) read back into the library's shapes, so every command prints the same JSON
// whichever way it reached the threads. The server acts as the API key's identity.
import type { AuditEntry } from '../client/auditLog';
import type { InvokeResult } from '../client/remoteGraph';
import { durationMsOf } from '../runtime/duration';
import { errorFromCode, isErrorCode, NotAuthorizedError, UnavailableError } from '../engine/errors';
import type { Identity } from '../engine/identity';
import { emptySnapshot, type CheckpointConfig, type PendingInterruptInfo, type StateSnapshot, type TaskSnapshot, type ThreadErrorInfo, type ThreadStatus } from '../runtime/protocol';
import { httpStatusOf, threadStatusOf, type HttpThreadStatus } from '../http/views';
import { missingThread, type OperatorThread, type OperatorTransport, type ThreadFilter } from './operatorTransport';

/** A refusal of the server that is not one of the library's codes (401 UNAUTHENTICATED, 404 NOT_FOUND...). */
export class ServerRefusalError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ServerRefusalError';
  }
}

/** `GET /threads/{id}` and each result of `POST /threads/search`. */
interface ThreadView {
  thread_id: string;
  created_at: string;
  updated_at: string;
  metadata: { graph_id?: string };
  status: HttpThreadStatus;
  interrupts: Record<string, PendingInterruptInfo[]>;
}

/** A checkpoint as the server writes it. */
interface CheckpointView {
  thread_id: string;
  checkpoint_ns: string;
  checkpoint_id: string;
}

/** `GET /threads/{id}/state` and each entry of `POST /threads/{id}/history`: LangGraph's ThreadState. */
interface StateView {
  values: StateSnapshot['values'];
  next: string[];
  tasks: Array<{ id: string; name: string; interrupts: PendingInterruptInfo[]; error: string | null; state: StateView | null; result?: StateSnapshot['values'] }>;
  interrupts: PendingInterruptInfo[];
  metadata: StateSnapshot['metadata'];
  created_at: string | null;
  checkpoint: CheckpointView;
  parent_checkpoint: CheckpointView | null;
}

/** The largest page `POST /threads/search` answers. */
const SEARCH_LIMIT = 1000;
/** Checkpoints asked per history page. */
const HISTORY_PAGE = 100;

/** Connects to the server at `url` with `apiKey`, learning who the key stands for (`GET /me`). */
export async function connectHttpTransport(url: string, apiKey: string | undefined, as: Identity | undefined): Promise<OperatorTransport> {
  const http = new HttpCalls(url.replace(/\/+$/, ''), apiKey);
  const identity = await http.call<Identity>('GET', '/me');
  // The server, not this process, decides who a request is from: an --as naming someone else would be a lie.
  if (as && as.id !== identity.id) {
    throw new NotAuthorizedError(`The HTTP server at ${url} acts as the API key's identity (${identity.id}); --as / DURABLE_GRAPH_IDENTITY cannot make it ${as.id}. Use that person's key`);
  }
  return new HttpTransport(http, identity);
}

/** JSON over fetch, with the server's refusals as errors carrying their codes. */
class HttpCalls {
  constructor(
    private readonly base: string,
    private readonly apiKey: string | undefined,
  ) {}

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: { ...(this.apiKey ? { 'x-api-key': this.apiKey } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new UnavailableError(`durable-graph's HTTP server at ${this.base} could not be reached (${(err as Error).message}); is \`durable-graph serve\` running there?`, { cause: err });
    }
    const text = await response.text();
    const json = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const { code, message } = (json ?? {}) as { code?: unknown; message?: unknown };
      const said = typeof message === 'string' ? message : `${method} ${path} answered ${response.status}`;
      if (isErrorCode(code)) throw errorFromCode(code, said);
      throw new ServerRefusalError(typeof code === 'string' ? code : `HTTP_${response.status}`, said, response.status);
    }
    return json as T;
  }

  /** As call, undefined when the server answers 404 (no such thread). */
  async callOrNone<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T | undefined> {
    try {
      return await this.call<T>(method, path, body);
    } catch (err) {
      if (err instanceof ServerRefusalError && err.status === 404) return undefined;
      throw err;
    }
  }
}

class HttpTransport implements OperatorTransport {
  constructor(
    private readonly http: HttpCalls,
    readonly identity: Identity,
  ) {}

  async listThreads(filter: ThreadFilter): Promise<OperatorThread[]> {
    const views = await this.http.call<ThreadView[]>('POST', '/threads/search', {
      ...(filter.graph ? { metadata: { graph_id: filter.graph } } : {}),
      ...(filter.status ? { status: httpStatusOf(filter.status) } : {}),
      limit: SEARCH_LIMIT,
    });
    const threads = views.map(threadInfoOf);
    if (filter.waitingLongerThan === undefined) return threads;
    const before = Date.now() - durationMsOf(filter.waitingLongerThan, 'waitingLongerThan');
    return threads.filter((t) => t.waitingSince !== undefined && t.waitingSince.getTime() < before);
  }

  async findThread(threadId: string): Promise<OperatorThread | undefined> {
    const view = await this.http.callOrNone<ThreadView>('GET', threadPath(threadId));
    return view && threadInfoOf(view);
  }

  async getState(threadId: string): Promise<StateSnapshot> {
    const [thread, state] = await Promise.all([this.findThread(threadId), this.http.callOrNone<StateView>('GET', `${threadPath(threadId)}/state`)]);
    return thread && state ? snapshotOf(state, thread.status) : emptySnapshot(threadId);
  }

  async getStateHistory(threadId: string, limit?: number): Promise<StateSnapshot[]> {
    const history: StateSnapshot[] = [];
    for (let before: string | undefined; limit === undefined || history.length < limit; ) {
      const want = Math.min(HISTORY_PAGE, limit === undefined ? HISTORY_PAGE : limit - history.length);
      const page = await this.http.callOrNone<StateView[]>('POST', `${threadPath(threadId)}/history`, { limit: want, ...(before ? { before } : {}) });
      if (!page?.length) break;
      // A past checkpoint's status is what it holds: its pending interrupts, or a failed task.
      history.push(...page.map((s) => snapshotOf(s, s.interrupts.length ? 'interrupted' : s.tasks.some((t) => t.error) ? 'error' : 'idle')));
      if (page.length < want) break;
      before = page[page.length - 1].checkpoint.checkpoint_id;
    }
    return history;
  }

  async resume(threadId: string, answers: Record<string, unknown>): Promise<InvokeResult> {
    const thread = await this.findThread(threadId);
    if (!thread) throw missingThread(threadId, 'resume');
    const result = await this.http.call<InvokeResult & { __error__?: { error: string; message: string } }>('POST', `${threadPath(threadId)}/runs/wait`, {
      assistant_id: thread.graph,
      command: { resume: answers },
    });
    // A run that failed answers 200 with __error__, as LangGraph's server does: the library throws it.
    const failure = result.__error__;
    if (failure) throw isErrorCode(failure.error) ? errorFromCode(failure.error, failure.message) : new ServerRefusalError(failure.error, failure.message, 200);
    return result;
  }

  async updateState(threadId: string, values: Record<string, unknown> | null, asNode?: string): Promise<CheckpointConfig> {
    if (!(await this.findThread(threadId))) throw missingThread(threadId, 'updateState');
    const { checkpoint } = await this.http.call<{ checkpoint: CheckpointView }>('POST', `${threadPath(threadId)}/state`, { values, ...(asNode === undefined ? {} : { as_node: asNode }) });
    return configOf(checkpoint);
  }

  async auditLog(threadId: string): Promise<AuditEntry[]> {
    return (await this.http.callOrNone<AuditEntry[]>('GET', `${threadPath(threadId)}/audit`)) ?? [];
  }

  async close(): Promise<void> {}
}

const threadPath = (threadId: string) => `/threads/${encodeURIComponent(threadId)}`;

function threadInfoOf(view: ThreadView): OperatorThread {
  const pending = Object.values(view.interrupts).flat();
  const raised = pending.flatMap((i) => (i.raisedAt ? [i.raisedAt] : [])).sort();
  return {
    threadId: view.thread_id,
    graph: view.metadata.graph_id ?? '',
    status: threadStatusOf(view.status),
    pendingInterrupts: pending.length,
    ...(raised.length ? { waitingSince: new Date(raised[0]) } : {}),
    createdAt: new Date(view.created_at),
    updatedAt: new Date(view.updated_at),
  };
}

function configOf(checkpoint: CheckpointView): CheckpointConfig {
  const { thread_id, checkpoint_id, checkpoint_ns } = checkpoint;
  return { configurable: { thread_id, checkpoint_id, ...(checkpoint_ns ? { checkpoint_ns } : {}) } };
}

/** The library's snapshot from the server's ThreadState; `status` is the thread's (the view has none). */
function snapshotOf(view: StateView, status: ThreadStatus): StateSnapshot {
  const tasks = view.tasks.map(
    (t): TaskSnapshot => ({
      id: t.id,
      name: t.name,
      interrupts: t.interrupts,
      ...(t.result === undefined ? {} : { result: t.result }),
      ...(t.error ? { error: taskErrorOf(t.error) } : {}),
      ...(t.state ? { state: snapshotOf(t.state, status) } : {}),
    }),
  );
  return {
    values: view.values,
    next: view.next,
    tasks,
    interrupts: view.interrupts,
    metadata: view.metadata,
    createdAt: view.created_at ?? '',
    config: configOf(view.checkpoint),
    ...(view.parent_checkpoint ? { parentConfig: configOf(view.parent_checkpoint) } : {}),
    status,
  };
}

/** The server writes a task's error as `CODE: message`. */
function taskErrorOf(text: string): ThreadErrorInfo {
  const colon = text.indexOf(': ');
  const code = text.slice(0, colon);
  return colon > 0 && isErrorCode(code) ? { code, message: text.slice(colon + 2) } : { code: 'NODE_FAILED', message: text };
}
