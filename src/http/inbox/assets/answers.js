// The answers a request allows, in its own vocabulary, and the resume value each one sends:
// agent-inbox HumanResponse, LangChain v1 decisions, or any JSON value for a plain interrupt().

/**
 * How each answer type reads on a button and what it needs: `args` (the edit form), `message`
 * (a text, required or optional), `value` (a JSON or text answer), or nothing.
 */
const ANSWERS = {
  'tool-call': {
    accept: { label: 'Approve', needs: null },
    edit: { label: 'Edit and approve', needs: 'args' },
    response: { label: 'Respond instead', needs: 'message', messageLabel: 'Message to the agent (the call does not run)' },
    ignore: { label: 'Ignore', needs: null },
  },
  decision: {
    approve: { label: 'Approve', needs: null },
    edit: { label: 'Edit and approve', needs: 'args' },
    reject: { label: 'Reject', needs: 'optional message', messageLabel: 'Reason (optional, the agent reads it)' },
    respond: { label: 'Respond instead', needs: 'message', messageLabel: 'Message to the agent (the call does not run)' },
  },
  question: {
    value: { label: 'Send answer', needs: 'value' },
  },
};

/** The answers of a request, with their labels, in the request's order. */
export function answersOf(request) {
  return request.answers.map((type) => ({ type, ...ANSWERS[request.kind][type] }));
}

/** A plain answer as typed: JSON when it parses (`true`, `42`, `{"a":1}`), else the text itself. */
export function parseValue(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The resume value for answer `type`, given the edited arguments or the message typed. */
export function resumeValue(request, type, { args, message } = {}) {
  const name = request.action?.name;
  if (request.kind === 'tool-call') {
    if (type === 'edit') return { type: 'edit', args: { action: name, args } };
    if (type === 'response') return { type: 'response', args: message };
    return { type, args: null };
  }
  if (request.kind === 'decision') {
    if (type === 'edit') return { decisions: [{ type: 'edit', editedAction: { name, args } }] };
    if (type === 'reject') return { decisions: [message ? { type: 'reject', message } : { type: 'reject' }] };
    if (type === 'respond') return { decisions: [{ type: 'respond', message }] };
    return { decisions: [{ type: 'approve' }] };
  }
  return parseValue(message);
}
