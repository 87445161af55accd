// The HTTP server: LangGraph's Agent Server API over durable-graph threads.
export { createHttpServer } from './createHttpServer';
export type { HttpServerOptions, RefusedRequest, ServerContext } from './createHttpServer';
export { parseApiKeysVariable, parseAuthFile, MIN_KEY_LENGTH } from './apiKeys';
export type { ApiKeys } from './apiKeys';
export { STATUS_OF_CODE, HttpRefusal } from './errorStatus';
export type { ErrorBody, HttpErrorCode } from './errorStatus';
