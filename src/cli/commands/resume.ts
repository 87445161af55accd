import type { CliCommand } from '../command';
import { addOperatorOptions, INTERRUPT_ID_HELP, jsonArgument, operatorHelp, type OperatorOptions } from '../operatorOptions';
import { sendAnswer } from '../sendAnswer';

/** Answers any pending interrupt with a value given as JSON: what a plain interrupt(value) takes. */
export const resumeCommand: CliCommand<OperatorOptions & { thread: string; id?: string; value: unknown }> = {
  name: 'resume',
  summary: 'answer a pending interrupt with a value (JSON), as Command({ resume }) does',
  description:
    'Answers a pending interrupt with the value given, sent as it is: what a plain interrupt(value) takes (its graph decides what it ' +
    'expects), or a HumanResponse / LangChain v1 decision written by hand. With several requests pending, --id chooses one (see show).',
  helpAfter: operatorHelp([
    'durable-graph resume review-001 --value \'"approve"\'',
    'durable-graph resume review-001 --id 3f2a --value \'{"approved": true, "note": "ok"}\' --as fran',
  ]),
  options: (command) =>
    addOperatorOptions(
      command
        .argument('<thread>', 'the thread id')
        .requiredOption('--value <json>', 'the answer, as JSON (a string needs its quotes: \'"approve"\')', jsonArgument('--value'))
        .option('--id <interrupt>', INTERRUPT_ID_HELP),
    ),
  run: ({ thread, id, value, ...options }) => sendAnswer(thread, id, options, () => value),
};
