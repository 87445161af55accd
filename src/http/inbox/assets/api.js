// The server, as the page talks to it: the Agent Server API at the root, the inbox's own list under
// the inbox, every request with the key the person logged in with (x-api-key).

/** Where the inbox is served (this file is in its assets/ folder), and the API's root above it. */
const INBOX = new URL('../', import.meta.url);
const ROOT = new URL('../', INBOX);

/** A refusal from the server: the library's code and message, and the HTTP status. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export class Api {
  constructor(key) {
    this.key = key;
  }

  async request(method, url, body) {
    const headers = { 'x-api-key': this.key, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new ApiError(0, 'UNAVAILABLE', `The server cannot be reached (${err.message}).`);
    }
    const text = await response.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      throw new ApiError(response.status, data?.code ?? String(response.status), data?.message ?? response.statusText);
    }
    return data;
  }

  /** The identity the key stands for. */
  me() {
    return this.request('GET', new URL('me', ROOT));
  }

  /** `{ me, requests }`: everything waiting, as this person sees it. */
  waiting() {
    return this.request('GET', new URL('api/requests', INBOX));
  }

  thread(threadId) {
    return this.request('GET', new URL(`threads/${encodeURIComponent(threadId)}`, ROOT));
  }

  auditLog(threadId) {
    return this.request('GET', new URL(`threads/${encodeURIComponent(threadId)}/audit`, ROOT));
  }

  /** Answers one interrupt by id and waits until the thread pauses or finishes. */
  answer(request, answer) {
    const url = new URL(`threads/${encodeURIComponent(request.threadId)}/runs/wait`, ROOT);
    return this.request('POST', url, { assistant_id: request.graph, command: { resume: { [request.interruptId]: answer } } });
  }
}
