/** The environment and exit-code sections of the help texts, shared by the commands that read them. */

export const REMOTE_ENVIRONMENT = `
Temporal elsewhere:
  TEMPORAL_ADDRESS     host:port of a Temporal server or cluster to use instead of the embedded one
  TEMPORAL_NAMESPACE   its namespace (default: default)
  TEMPORAL_API_KEY     API key (Temporal Cloud); implies TLS
  TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY   paths of an mTLS client certificate and key
  TEMPORAL_TLS=true    TLS without a client certificate
`;

export const OPERATOR_ENVIRONMENT = `
Who you are and where the threads are:
  DURABLE_GRAPH_IDENTITY
                       who to act as when --as is not given: id or id:role1,role2 (e.g.
                       fran:finance,ops); without either, requests are sent as anonymous
  TEMPORAL_ADDRESS     where the threads are; without it, the embedded server that
                       \`durable-graph start\` runs: 127.0.0.1:DURABLE_GRAPH_PORT (default 7233)
  DURABLE_GRAPH_TASK_QUEUE
                       the task queue of the graphs' workers (default: durable-graph)
  DURABLE_GRAPH_URL, DURABLE_GRAPH_API_KEY
                       durable-graph's HTTP server and a key, as --url and --api-key: the server
                       acts as the key's identity (--as may only repeat it)
`;

export const EMBEDDED_ENVIRONMENT = `
The embedded Temporal server:
  DURABLE_GRAPH_HOME   state folder: SQLite file, Temporal binary cache (default: ./.durable-graph).
                       One job at a time uses a state folder; a second one is refused with the pid of
                       the first. To run another: TEMPORAL_ADDRESS=<the running server> for it, or
                       another DURABLE_GRAPH_HOME and DURABLE_GRAPH_PORT.
  DURABLE_GRAPH_PORT   its port (default: 7233; the Web UI uses port + 1000)
  TEMPORAL_CLI_PATH    the \`temporal\` binary to run it with (else PATH, else the cache, else installed)
`;

export const BINARY_ENVIRONMENT = `
Environment:
  TEMPORAL_CLI_PATH    a \`temporal\` binary to use as it is
  DURABLE_GRAPH_HOME   state folder holding the cache (default: ./.durable-graph)
`;

export const MODEL_ENVIRONMENT = `
The model:
  OPENAI_API_KEY       use OpenAI (else a scripted local model with canned answers)
  OPENAI_BASE_URL      any OpenAI-compatible server instead
  OPENAI_MODEL         the model (default: gpt-4o-mini)
`;

export const ENCRYPTION_ENVIRONMENT = `
Encryption at rest:
  DURABLE_GRAPH_ENCRYPTION_KEYS
                       {"currentKeyId":"k2","keys":{"k1":"<base64>","k2":"<base64>"}}: payloads are
                       AES-256-GCM encrypted with currentKeyId; older keys stay for reading. Keys are
                       32 bytes (\`openssl rand -base64 32\`).
`;

export const EXIT_CODES = `
Exit codes: 0 ok, 1 refused (the error code is printed), 2 usage, 3 Temporal unavailable.
`;
