import { answerFor, type ReviewVerb } from '../../agent/reviewVerbs';
import type { CliCommand } from '../command';
import { addOperatorOptions, INTERRUPT_ID_HELP, jsonObjectArgument, operatorHelp, type OperatorOptions } from '../operatorOptions';
import { sendAnswer } from '../sendAnswer';

type ReviewOptions = OperatorOptions & { thread: string; id?: string; args?: Record<string, unknown>; message?: string };

const SHAPES =
  'It answers tool calls waiting for review in either vocabulary: an agent-inbox request (HumanInterrupt) or LangChain v1 decisions ' +
  '(interruptOn). A plain interrupt(value) takes the value its graph expects: answer it with resume --value.';

interface VerbSpec {
  summary: string;
  /** What the verb sends, per vocabulary. */
  sends: string;
  args?: boolean;
  message?: 'required' | 'optional';
  examples: string[];
}

const VERBS: Record<ReviewVerb, VerbSpec> = {
  approve: {
    summary: 'approve a tool call waiting for review (run it as the model asked)',
    sends: "Sends { type: 'accept', args: null } to an agent-inbox request and { type: 'approve' } to a LangChain v1 one.",
    examples: ['durable-graph approve demo-payments --as fran:finance', 'durable-graph approve demo-ops --id 3f2a --json'],
  },
  reject: {
    summary: 'refuse a tool call waiting for review (the model is told, with your message)',
    sends:
      "Sends { type: 'reject', message? } to a LangChain v1 request. The agent inbox has no reject: it gets { type: 'response', args: message } " +
      "with --message (the model reads it in place of the call), else { type: 'ignore', args: null }.",
    message: 'optional',
    examples: ["durable-graph reject demo-payments --message 'Not this quarter' --as fran:finance"],
  },
  edit: {
    summary: 'run a tool call waiting for review with changed arguments',
    sends:
      "--args is laid over the call's arguments (the keys given replace theirs). Sends { type: 'edit', args: { action, args } } to an agent-inbox " +
      "request and { type: 'edit', editedAction: { name, args } } to a LangChain v1 one. The thread checks the arguments against the tool's schema.",
    args: true,
    examples: ['durable-graph edit demo-email --args \'{"subject": "Q3 roadmap (draft)"}\''],
  },
  respond: {
    summary: 'answer the model in place of a tool call waiting for review',
    sends: "Sends { type: 'response', args: message } to an agent-inbox request and { type: 'respond', message } to a LangChain v1 one.",
    message: 'required',
    examples: ["durable-graph respond demo-records --message 'Only archive them, do not delete'"],
  },
  ignore: {
    summary: 'skip a tool call waiting for review',
    sends: "Sends { type: 'ignore', args: null } to an agent-inbox request and { type: 'reject' } (no message) to a LangChain v1 one.",
    examples: ['durable-graph ignore demo-ops --id 3f2a'],
  },
};

/** approve, reject, edit, respond or ignore: one command per verb, the answer said in the request's own vocabulary. */
function reviewCommand(verb: ReviewVerb): CliCommand<ReviewOptions> {
  const spec = VERBS[verb];
  return {
    name: verb,
    summary: spec.summary,
    description: `${spec.summary[0].toUpperCase()}${spec.summary.slice(1)}. ${spec.sends} ${SHAPES} With several requests pending, --id chooses one (see show).`,
    helpAfter: operatorHelp(spec.examples),
    options: (command) => {
      command.argument('<thread>', 'the thread id').option('--id <interrupt>', INTERRUPT_ID_HELP);
      if (spec.args) command.requiredOption('--args <json>', 'the arguments to change, a JSON object laid over the call\'s own', jsonObjectArgument('--args'));
      if (spec.message === 'required') command.requiredOption('--message <text>', 'the message for the model');
      if (spec.message === 'optional') command.option('--message <text>', 'why, for the model');
      addOperatorOptions(command);
    },
    run: ({ thread, id, args, message, ...options }) => sendAnswer(thread, id, options, (request) => answerFor(verb, request.value, { args, message })),
  };
}

export const approveCommand = reviewCommand('approve');
export const rejectCommand = reviewCommand('reject');
export const editCommand = reviewCommand('edit');
export const respondCommand = reviewCommand('respond');
export const ignoreCommand = reviewCommand('ignore');
