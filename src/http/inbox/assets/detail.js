// The detail of one request: what is asked, who asked and who may answer, the answers it allows
// (none for someone who may not answer, with the reason), and the thread's audit timeline.
import { answersOf, resumeValue } from './answers.js';
import { clock, h, inline, personName, timeFrom, timeUntil } from './dom.js';
import { argumentFields, schemaFromArgs } from './schemaForm.js';

const KIND_TEXT = {
  input: 'sent input',
  resume: 'answered',
  continue: 'continued the run',
  updateState: 'updated the state',
  timeout: 'timed out',
  reminder: 'sent a reminder',
  escalation: 'escalated',
};

/** The type of an answer in either tool vocabulary (`accept`, `edit`...), else the value itself in one line. */
function answerText(answer) {
  const one = Array.isArray(answer) && answer.length === 1 ? answer[0] : answer;
  const decision = Array.isArray(one?.decisions) && one.decisions.length === 1 ? one.decisions[0] : one;
  if (typeof decision?.type === 'string') return decision.type;
  const text = inline(answer);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** One line per audit entry: when, who, what. */
function timelineEntry(entry) {
  const answers = entry.kind === 'resume' && entry.answer !== undefined ? Object.values(entry.interruptIds?.length ? entry.answer : { a: entry.answer }) : [];
  const what = answers.length ? `${KIND_TEXT.resume}: ${answers.map(answerText).join(', ')}` : (KIND_TEXT[entry.kind] ?? entry.kind);
  return h('li', {}, clock(entry.at), ' · ', h('strong', {}, personName(entry.by)), ` ${what}`);
}

function facts(request) {
  const row = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
  const approvals = request.approvals.map((a) => personName(a.by)).join(', ');
  return h(
    'dl',
    { class: 'facts' },
    row('Graph', request.graph),
    row('Thread', h('code', {}, request.threadId)),
    row('Asked by', personName(request.requester)),
    row('Waiting for', timeFrom(request.raisedAt)),
    row('Deadline', timeUntil(request.deadline)),
    row('Who may answer', request.approversText),
    approvals ? row('Approved so far by', approvals) : null,
  );
}

/** The call's arguments as a table, or the plain interrupt's value as JSON. */
function payload(request) {
  if (!request.action) {
    return h('div', {}, h('h3', {}, 'The question'), h('pre', { class: 'value' }, typeof request.value === 'string' ? request.value : JSON.stringify(request.value, null, 2)));
  }
  const rows = Object.entries(request.action.args).map(([key, value]) => h('tr', {}, h('th', { scope: 'row' }, key), h('td', {}, inline(value))));
  return h(
    'div',
    {},
    h('h3', {}, 'The call: ', h('code', {}, request.action.name)),
    h('table', { class: 'args' }, h('caption', { class: 'visually-hidden' }, 'Arguments of the call'), h('tbody', {}, rows)),
  );
}

/** How the thread went on after an answer, in a sentence. */
function outcomeText(request, result, thread) {
  const stillPending = (result?.__interrupt__ ?? []).some((i) => i.id === request.interruptId);
  if (stillPending) return 'Your approval is counted; the request waits for more approvals.';
  if (thread.status === 'idle') {
    const messages = thread.values?.messages ?? [];
    const last = [...messages].reverse().find((m) => (m.role === 'assistant' || m.type === 'ai') && m.content);
    return `Answer sent. The thread finished${last ? `: ${inline(last.content)}` : '.'}`;
  }
  if (thread.status === 'interrupted') return 'Answer sent. The thread waits for another answer.';
  if (thread.status === 'error') return 'Answer sent, but the thread then failed.';
  return 'Answer sent. The thread is running.';
}

/**
 * The answer controls: a button per answer; those that need input (edited arguments, a message)
 * open a small form of their own first.
 */
function answerControls(request, send) {
  const answers = answersOf(request);
  const group = h('div', { class: 'answers', role: 'group', 'aria-label': 'Answers' });
  const panels = h('div', {});
  for (const answer of answers) {
    if (!answer.needs) {
      group.append(h('button', { type: 'button', onclick: () => send(answer.type, {}) }, answer.label));
      continue;
    }
    const panelId = `answer-${answer.type}`;
    const form = h('form', { id: panelId, class: 'answer-form', 'aria-label': answer.label, hidden: answer.needs !== 'value' });
    let read;
    if (answer.needs === 'args') {
      const fields = argumentFields(request.action.argsSchema ?? schemaFromArgs(request.action.args), request.action.args);
      form.append(h('fieldset', {}, h('legend', {}, `Arguments of ${request.action.name}`), fields.elements));
      read = () => ({ args: fields.read() });
    } else {
      const id = `${panelId}-text`;
      const label = answer.needs === 'value' ? 'Your answer (JSON, or plain text)' : answer.messageLabel;
      const text = h('textarea', { id, rows: 3, required: answer.needs !== 'optional message' });
      form.append(h('div', { class: 'field' }, h('label', { for: id }, label), text));
      read = () => ({ message: text.value.trim() === '' ? undefined : text.value });
    }
    const submitLabel = answer.needs === 'args' ? 'Approve with these arguments' : answer.label;
    form.append(h('button', { type: 'submit' }, submitLabel));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!form.reportValidity()) return;
      let input;
      try {
        input = read();
      } catch {
        form.reportValidity();
        return;
      }
      send(answer.type, input);
    });
    panels.append(form);
    if (answer.needs !== 'value') {
      const toggle = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': panelId }, answer.label);
      toggle.addEventListener('click', () => {
        const open = form.hidden;
        for (const other of group.querySelectorAll('[aria-expanded]')) other.setAttribute('aria-expanded', 'false');
        for (const other of panels.children) other.hidden = true;
        form.hidden = !open;
        toggle.setAttribute('aria-expanded', String(open));
        if (open) form.querySelector('input, textarea, select')?.focus();
      });
      group.append(toggle);
    }
  }
  return h('div', {}, group, panels);
}

/**
 * Shows `request` in `section`. `api` answers and reads the audit log; `onAnswered` runs after an
 * answer went through (the list refreshes).
 */
export function showDetail(section, request, { api, onAnswered }) {
  const outcome = h('p', { class: 'outcome', role: 'status', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', role: 'alert' });
  const timeline = h('ol', { class: 'timeline', 'aria-busy': 'true' });
  const answerArea = h('div', { class: 'answer-area' });

  async function send(type, input) {
    error.textContent = '';
    section.dataset.state = 'answering';
    answerArea.setAttribute('aria-busy', 'true');
    for (const control of answerArea.querySelectorAll('button, input, textarea, select')) control.disabled = true;
    try {
      const result = await api.answer(request, resumeValue(request, type, input));
      const thread = await api.thread(request.threadId);
      answerArea.replaceChildren();
      outcome.textContent = outcomeText(request, result, thread);
      section.dataset.state = 'answered';
      onAnswered();
      void loadTimeline();
    } catch (err) {
      error.textContent = `Refused (${err.code}): ${err.message}`;
      section.dataset.state = 'open';
      for (const control of answerArea.querySelectorAll('button, input, textarea, select')) control.disabled = false;
    } finally {
      answerArea.removeAttribute('aria-busy');
    }
  }

  async function loadTimeline() {
    try {
      const entries = await api.auditLog(request.threadId);
      timeline.replaceChildren(...entries.map(timelineEntry));
    } catch (err) {
      timeline.replaceChildren(h('li', {}, `The audit log could not be read (${err.code}): ${err.message}`));
    } finally {
      timeline.removeAttribute('aria-busy');
    }
  }

  if (request.mayAnswer) answerArea.append(answerControls(request, send));
  else answerArea.append(h('p', { class: 'not-allowed' }, request.whyNot));

  const title = request.action ? `${request.action.name} on ${request.threadId}` : `Question on ${request.threadId}`;
  section.dataset.state = 'open';
  section.dataset.key = `${request.threadId}/${request.interruptId}`;
  section.replaceChildren(
    h('h2', { id: 'detail-title' }, title),
    request.description ? h('p', { class: 'description' }, request.description) : null,
    facts(request),
    payload(request),
    h('h3', {}, 'Your answer'),
    answerArea,
    outcome,
    error,
    h('h3', {}, 'Audit timeline'),
    timeline,
  );
  section.hidden = false;
  section.focus();
  void loadTimeline();
}

/** The open request was answered elsewhere: its answers go, and the page says so. */
export function markAnsweredElsewhere(section) {
  if (section.dataset.state !== 'open') return;
  section.dataset.state = 'gone';
  section.querySelector('.answer-area')?.replaceChildren(h('p', { class: 'not-allowed' }, 'This request was answered elsewhere; it waits no longer.'));
}
