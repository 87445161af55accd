import { Connection } from '@temporalio/client';
import type { CliCommand } from '../command';
import { connectionSettingsFromEnv } from '../../client/connectionSettings';
import { UnavailableError } from '../../engine/errors';
import { DURABLE_GRAPH_SEARCH_ATTRIBUTES, SEARCH_ATTRIBUTE_TYPE_NAMES, setupNamespace } from '../../client/namespaceSetup';
import { REMOTE_ENVIRONMENT } from '../helpTexts';

const ATTRIBUTES = DURABLE_GRAPH_SEARCH_ATTRIBUTES.map((key) => `${key.name} (${SEARCH_ATTRIBUTE_TYPE_NAMES[key.type]})`).join(', ');

/** Registers the search attributes on a cluster's namespace, so that no Temporal CLI is needed for it. */
export const setupNamespaceCommand: CliCommand<{ namespace?: string; json?: boolean }> = {
  name: 'setup-namespace',
  summary: "register durable-graph's search attributes on a namespace of TEMPORAL_ADDRESS",
  description:
    `Registers the search attributes every durable-graph thread publishes, ${ATTRIBUTES}, on a namespace of the Temporal server at ` +
    "TEMPORAL_ADDRESS (default: localhost:7233), through Temporal's operator API. Run it once per namespace before its first worker. " +
    'Safe to run again: attributes already registered are kept; one registered with another type is refused (exit 1) and nothing is added. ' +
    'The embedded server registers them itself.',
  helpAfter: REMOTE_ENVIRONMENT,
  options: (command) =>
    command
      .option('--namespace <name>', 'the namespace (default: TEMPORAL_NAMESPACE, else default)')
      .option('--json', 'print {"namespace": …, "added": […], "present": […]}'),
  async run({ namespace, json }) {
    const settings = connectionSettingsFromEnv() ?? { address: 'localhost:7233', namespace: 'default' };
    const connection = await Connection.connect({ address: settings.address, tls: settings.tls, apiKey: settings.apiKey }).catch((err: unknown) => {
      // gRPC's own error says only "Failed to connect before the deadline"; this one says where, and exits 3.
      throw new UnavailableError(`Temporal at ${settings.address} could not be reached (${(err as Error).message}); check TEMPORAL_ADDRESS`, { cause: err });
    });
    try {
      const result = await setupNamespace(connection, namespace ?? settings.namespace);
      if (json) {
        console.log(JSON.stringify(result));
      } else {
        const where = `namespace ${result.namespace} at ${settings.address}`;
        if (result.added.length > 0) console.log(`Registered on ${where}: ${result.added.join(', ')}`);
        if (result.present.length > 0) console.log(`Already registered on ${where}: ${result.present.join(', ')}`);
      }
    } finally {
      await connection.close();
    }
    return 0;
  },
};
