// What a Temporal namespace needs before durable-graph threads can run on it: the custom search
// attributes every thread publishes. Temporal registers search attributes per namespace (on SQL
// visibility, in slots of the namespace), so a cluster namespace or a Temporal Cloud namespace needs
// them registered once; this module checks for them and registers them through the operator API.
import type { OperatorService } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType, type SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { NamespaceNotSetUpError } from '../engine/errors';
import { GRAPH_NAME, PENDING_INTERRUPTS, THREAD_STATUS, WAITING_SINCE } from '../runtime/protocol';

/** The search attributes every thread upserts, with their types: the one list that setup, the checks and the dev server use. */
export const DURABLE_GRAPH_SEARCH_ATTRIBUTES: readonly SearchAttributeKey<SearchAttributeType>[] = [GRAPH_NAME, THREAD_STATUS, PENDING_INTERRUPTS, WAITING_SINCE];

/** Anything with Temporal's operator service: a client `Connection` or a worker's `NativeConnection`. */
export interface OperatorConnection {
  operatorService: OperatorService;
}

/** What setupNamespace found and did. */
export interface NamespaceSetup {
  namespace: string;
  /** Search attributes this call registered. */
  added: string[];
  /** Search attributes that were registered already, with the right type. */
  present: string[];
}

/** How Temporal's CLI, UI and tcld spell each type (`Keyword`, `Int`, ...). */
export const SEARCH_ATTRIBUTE_TYPE_NAMES: Record<SearchAttributeType, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/** gRPC status codes (from @grpc/grpc-js, which is not our dependency). */
const GRPC = { NOT_FOUND: 5, PERMISSION_DENIED: 7, UNIMPLEMENTED: 12, UNAVAILABLE: 14 } as const;

/** How the namespace's custom search attributes differ from what durable-graph needs. */
interface Problems {
  missing: SearchAttributeKey<SearchAttributeType>[];
  /** Registered with another type: `registered` is how Temporal spells that type. */
  wrongType: { key: SearchAttributeKey<SearchAttributeType>; registered: string }[];
  present: string[];
}

async function readProblems(connection: OperatorConnection, namespace: string): Promise<Problems> {
  let customAttributes: Record<string, unknown>;
  try {
    ({ customAttributes } = await connection.operatorService.listSearchAttributes({ namespace }));
  } catch (err) {
    if (grpcCode(err) === GRPC.NOT_FOUND) throw noSuchNamespace(namespace, err);
    throw err;
  }
  const problems: Problems = { missing: [], wrongType: [], present: [] };
  for (const key of DURABLE_GRAPH_SEARCH_ATTRIBUTES) {
    const registered = customAttributes?.[key.name];
    if (registered === undefined || registered === null) problems.missing.push(key);
    else if (registered !== encodeSearchAttributeIndexedValueType(key.type)) problems.wrongType.push({ key, registered: typeName(registered) });
    else problems.present.push(key.name);
  }
  return problems;
}

/**
 * Throws NamespaceNotSetUpError when the namespace lacks one of durable-graph's search attributes,
 * has one with another type, or does not exist. Resolves `'unknown'` when the server does not let
 * this connection list search attributes (some hosted setups): the caller then goes ahead unchecked.
 */
export async function checkNamespace(connection: OperatorConnection, namespace: string): Promise<'ready' | 'unknown'> {
  let problems: Problems;
  try {
    problems = await readProblems(connection, namespace);
  } catch (err) {
    const code = grpcCode(err);
    if (code === GRPC.PERMISSION_DENIED || code === GRPC.UNIMPLEMENTED) return 'unknown';
    throw err;
  }
  if (problems.missing.length > 0 || problems.wrongType.length > 0) throw notSetUp(namespace, problems);
  return 'ready';
}

/**
 * Registers durable-graph's search attributes on `namespace` through Temporal's operator API (what
 * `durable-graph setup-namespace` runs). Idempotent: attributes already registered with the right
 * type are kept. One registered with another type is a NamespaceNotSetUpError and nothing is added.
 */
export async function setupNamespace(connection: OperatorConnection, namespace = 'default'): Promise<NamespaceSetup> {
  const before = await readProblems(connection, namespace);
  if (before.wrongType.length > 0) throw notSetUp(namespace, { ...before, missing: [] });
  if (before.missing.length === 0) return { namespace, added: [], present: before.present };

  const searchAttributes = Object.fromEntries(before.missing.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!]));
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
  } catch (err) {
    const code = grpcCode(err);
    if (code === GRPC.UNAVAILABLE) throw err;
    if (code === GRPC.PERMISSION_DENIED || code === GRPC.UNIMPLEMENTED) {
      throw new NamespaceNotSetUpError(
        `Temporal refused to register search attributes on namespace "${namespace}" (${grpcDetails(err)}). ` +
          `Register them with your cluster's admin tools, or on Temporal Cloud with tcld or the Cloud UI: ${tcldCommand(namespace, before.missing)}`,
        { cause: err },
      );
    }
    // ALREADY_EXISTS from a setup running at the same time is fine: the look below decides.
    if (!/already exists/i.test(grpcDetails(err))) {
      throw new NamespaceNotSetUpError(`Could not register ${describeKeys(before.missing)} on namespace "${namespace}": ${grpcDetails(err)}`, { cause: err });
    }
  }
  // Look again: another setup may have registered a name with another type meanwhile.
  const after = await readProblems(connection, namespace);
  if (after.missing.length > 0 || after.wrongType.length > 0) throw notSetUp(namespace, after);
  return { namespace, added: before.missing.map((key) => key.name), present: before.present };
}

/** The fix a user can run, named in every NAMESPACE_NOT_SET_UP message. */
export function setupCommand(namespace: string): string {
  return `durable-graph setup-namespace --namespace ${namespace}`;
}

function notSetUp(namespace: string, { missing, wrongType }: Pick<Problems, 'missing' | 'wrongType'>): NamespaceNotSetUpError {
  const parts: string[] = [];
  if (missing.length > 0) {
    parts.push(
      `it lacks the search attribute${missing.length > 1 ? 's' : ''} ${describeKeys(missing)} that every durable-graph thread publishes. ` +
        `Register them with \`${setupCommand(namespace)}\` (or setupNamespace() from the library; the same TEMPORAL_ADDRESS and credentials as the workers)`,
    );
  }
  for (const { key, registered } of wrongType) {
    parts.push(
      `its search attribute ${key.name} is registered as ${registered}, but durable-graph needs ${SEARCH_ATTRIBUTE_TYPE_NAMES[key.type]}. ` +
        `Remove it (\`temporal operator search-attribute remove --namespace ${namespace} --name ${key.name}\`) and run \`${setupCommand(namespace)}\`, or use another namespace`,
    );
  }
  return new NamespaceNotSetUpError(`Namespace "${namespace}" is not set up for durable-graph: ${parts.join('; ')}.`);
}

function noSuchNamespace(namespace: string, cause: unknown): NamespaceNotSetUpError {
  return new NamespaceNotSetUpError(
    `Namespace "${namespace}" does not exist on this Temporal server. Create it (\`temporal operator namespace create --namespace ${namespace}\`, ` +
      `or in the Temporal Cloud UI), then run \`${setupCommand(namespace)}\`, or set TEMPORAL_NAMESPACE to an existing namespace.`,
    { cause },
  );
}

function tcldCommand(namespace: string, keys: SearchAttributeKey<SearchAttributeType>[]): string {
  const flags = keys.map((key) => `--sa "${key.name}=${SEARCH_ATTRIBUTE_TYPE_NAMES[key.type]}"`).join(' ');
  return `\`tcld namespace search-attributes add --namespace ${namespace} ${flags}\``;
}

function describeKeys(keys: SearchAttributeKey<SearchAttributeType>[]): string {
  return keys.map((key) => `${key.name} (${SEARCH_ATTRIBUTE_TYPE_NAMES[key.type]})`).join(', ');
}

/** Temporal's name of an IndexedValueType number, e.g. `Text`. */
function typeName(indexed: unknown): string {
  const type = (Object.keys(SEARCH_ATTRIBUTE_TYPE_NAMES) as SearchAttributeType[]).find((t) => encodeSearchAttributeIndexedValueType(t) === indexed);
  return type ? SEARCH_ATTRIBUTE_TYPE_NAMES[type] : `type ${String(indexed)}`;
}

/** The gRPC status of a failed call; read from `code` because a worker's NativeConnection fails with errors of its own class. */
function grpcCode(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

function grpcDetails(err: unknown): string {
  const details = (err as { details?: unknown } | undefined)?.details;
  return typeof details === 'string' ? details : err instanceof Error ? err.message : String(err);
}
