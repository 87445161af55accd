import type { CliCommand } from '../command';
import { addOperatorOptions, operatorHelp, printJson, withTransport, type OperatorOptions } from '../operatorOptions';

/** Prints a thread's snapshot, as getState returns it. */
export const stateCommand: CliCommand<OperatorOptions & { thread: string }> = {
  name: 'state',
  summary: "print a thread's state: values, next nodes, pending interrupts, status (getState)",
  description:
    "Prints the thread's snapshot at its head, as getState returns it: the state values, the nodes to run next, the tasks and their " +
    'pending interrupts (with who may answer), the checkpoint and the status. A thread that never ran has an empty one. --json prints the snapshot itself.',
  helpAfter: operatorHelp(['durable-graph state demo-payments', "durable-graph state demo-payments --json | jq '.values'"]),
  options: (command) => addOperatorOptions(command.argument('<thread>', 'the thread id')),
  async run({ thread, ...options }) {
    const state = await withTransport(options, (t) => t.getState(thread));
    if (options.json) printJson(state);
    else {
      console.log(`Thread ${thread}: ${state.status}, step ${state.metadata.step}, checkpoint ${state.config.configurable.checkpoint_id || '(none)'}`);
      console.log(`next: ${state.next.join(', ') || '(nothing)'}`);
      console.log(`pending interrupts: ${state.interrupts.map((i) => i.id).join(', ') || '(none)'}`);
      console.log(`values: ${JSON.stringify(state.values, null, 2)}`);
    }
    return 0;
  },
};
