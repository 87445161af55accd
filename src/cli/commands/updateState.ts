import type { CliCommand } from '../command';
import { addOperatorOptions, jsonObjectArgument, operatorHelp, printJson, withTransport, type OperatorOptions } from '../operatorOptions';

/** Applies values to a thread through its reducers, as updateState does; runs nothing. */
export const updateStateCommand: CliCommand<OperatorOptions & { thread: string; values: Record<string, unknown>; asNode?: string }> = {
  name: 'update-state',
  summary: "change a thread's state through its reducers, as if a node wrote it (updateState); runs nothing",
  description:
    "Applies the values through the graph's reducers (as if --as-node had written them, when given) and records a checkpoint; with " +
    "--as-node the thread's next run goes on from that node's edges. Runs nothing itself. Unknown keys are refused (INVALID_UPDATE); " +
    'a thread that never ran cannot be seeded from here (its graph is found from the thread).',
  helpAfter: operatorHelp([
    'durable-graph update-state review-001 --values \'{"action": "refund 40 EUR"}\'',
    "durable-graph update-state review-001 --values '{\"note\": \"checked\"}' --as-node review --as fran --json",
  ]),
  options: (command) =>
    addOperatorOptions(
      command
        .argument('<thread>', 'the thread id')
        .requiredOption('--values <json>', 'the values to write, a JSON object', jsonObjectArgument('--values'))
        .option('--as-node <node>', 'the node the values are written as'),
    ),
  async run({ thread, values, asNode, ...options }) {
    const checkpoint = await withTransport(options, (t) => t.updateState(thread, values, asNode));
    if (options.json) printJson(checkpoint);
    else console.log(`Updated ${thread}${asNode ? ` as ${asNode}` : ''}: checkpoint ${checkpoint.configurable.checkpoint_id}`);
    return 0;
  },
};
