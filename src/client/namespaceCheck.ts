// The client looks at the namespace's search attributes once, before its first thread start or
// list, rather than translating the failure afterwards: without the attributes the server accepts
// the start, the workflow task then fails on the worker (BadSearchAttributes) and the workflow stays
// open retrying, while the caller only sees "unexpected workflow task failure". Looking first
// refuses the request before anything is created, and does not depend on the wording of errors.
import { checkNamespace, type OperatorConnection } from './namespaceSetup';

/**
 * Returns a function that resolves once the namespace was seen set up for durable-graph (asking the
 * server on the first call, then remembering) and throws NamespaceNotSetUpError while it is not. A
 * failed look is not remembered, so running `setup-namespace` fixes a client that is already connected.
 */
export function namespaceReadiness(connection: OperatorConnection, namespace: string): () => Promise<void> {
  let ready: Promise<void> | undefined;
  return () => {
    ready ??= checkNamespace(connection, namespace).then(
      () => undefined,
      (err: unknown) => {
        ready = undefined;
        throw err;
      },
    );
    return ready;
  };
}
