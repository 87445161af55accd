// The inbox page: log in with an API key (kept in this tab's sessionStorage), list what waits, keep
// the list live (it polls; a request answered elsewhere leaves within seconds), filter it, and open
// a request to answer it.
import { Api } from './api.js';
import { markAnsweredElsewhere, showDetail } from './detail.js';
import { h, personName, timeFrom, timeUntil } from './dom.js';

const KEY_ITEM = 'durable-graph.inbox.apiKey';
/** How often the list is read again. */
const POLL_MS = 2000;

const $ = (id) => document.getElementById(id);
const ui = {
  login: $('login'),
  loginForm: $('login-form'),
  loginError: $('login-error'),
  keyInput: $('api-key'),
  inbox: $('inbox'),
  whoami: $('whoami'),
  logout: $('logout'),
  graphFilter: $('filter-graph'),
  mineFilter: $('filter-mine'),
  live: $('live'),
  listError: $('list-error'),
  rows: document.querySelector('#requests tbody'),
  table: $('requests'),
  empty: $('empty'),
  detail: $('detail'),
};

let api;
let requests = new Map();
let timer;
let refreshing;
let loaded = false;
let openKey;

const keyOf = (request) => `${request.threadId}/${request.interruptId}`;

function announce(text) {
  ui.live.textContent = text;
}

function row(request) {
  const key = keyOf(request);
  const open = h('button', { type: 'button', class: 'link', onclick: () => openRequest(key) }, request.summary);
  return h(
    'tr',
    { 'data-key': key, 'aria-current': key === openKey ? 'true' : null, class: request.mayAnswer ? 'mine' : null },
    h('td', {}, request.graph),
    h('th', { scope: 'row' }, open, request.mayAnswer ? h('span', { class: 'badge' }, 'for you') : null),
    h('td', {}, personName(request.requester)),
    h('td', {}, timeFrom(request.raisedAt)),
    h('td', {}, timeUntil(request.deadline)),
    h('td', {}, request.approversText),
  );
}

function visible(request) {
  if (ui.graphFilter.value && request.graph !== ui.graphFilter.value) return false;
  return !ui.mineFilter.checked || request.mayAnswer;
}

/** The graph filter offers the graphs that have something waiting (and keeps the one chosen). */
function renderGraphOptions() {
  const chosen = ui.graphFilter.value;
  const graphs = [...new Set([...requests.values()].map((r) => r.graph))].sort();
  if (chosen && !graphs.includes(chosen)) graphs.push(chosen);
  ui.graphFilter.replaceChildren(h('option', { value: '' }, 'All graphs'), ...graphs.map((g) => h('option', { value: g, selected: g === chosen }, g)));
}

/** Rows are replaced in place, so the row a person has focused keeps its focus across updates. */
function renderList() {
  const focusedKey = document.activeElement?.closest?.('tr')?.dataset.key;
  const shown = [...requests.values()].filter(visible);
  ui.rows.replaceChildren(...shown.map(row));
  ui.empty.hidden = shown.length > 0;
  ui.empty.textContent = requests.size ? 'Nothing waits here with these filters.' : 'Nothing waits for an answer.';
  ui.table.hidden = shown.length === 0;
  if (focusedKey) ui.rows.querySelector(`tr[data-key="${CSS.escape(focusedKey)}"] button`)?.focus();
}

function openRequest(key) {
  const request = requests.get(key);
  if (!request) return;
  openKey = key;
  renderList();
  showDetail(ui.detail, request, { api, onAnswered: () => void refresh() });
}

/** Reads the list again; says what arrived and what left (answered elsewhere). */
async function load() {
  try {
    const { requests: list, unreadable } = await api.waiting();
    const next = new Map(list.map((r) => [keyOf(r), r]));
    const arrived = list.filter((r) => !requests.has(keyOf(r)));
    const left = [...requests.keys()].filter((key) => !next.has(key));
    const first = !loaded;
    loaded = true;
    requests = next;
    ui.listError.textContent = unreadable.length
      ? `${unreadable.length} waiting thread${unreadable.length === 1 ? '' : 's'} could not be read: ${unreadable.map((t) => `${t.threadId} (${t.message})`).join('; ')}`
      : '';
    renderGraphOptions();
    renderList();
    if (openKey && left.includes(openKey)) markAnsweredElsewhere(ui.detail);
    if (first) announce(`${list.length} request${list.length === 1 ? '' : 's'} waiting.`);
    else if (arrived.length || left.length) {
      const parts = [];
      if (arrived.length) parts.push(`${arrived.length} new`);
      if (left.length) parts.push(`${left.length} answered`);
      announce(`Updated: ${parts.join(', ')}; ${list.length} waiting.`);
    }
  } catch (err) {
    if (err.status === 401) return logout(`Your key was not accepted (${err.message}). Log in again.`);
    ui.listError.textContent = `The list could not be read (${err.code}): ${err.message}`;
  }
}

/** One read at a time; the next one POLL_MS after the last ended (while logged in). */
function refresh() {
  clearTimeout(timer);
  refreshing ??= load().finally(() => {
    refreshing = undefined;
    if (api) timer = setTimeout(refresh, POLL_MS);
  });
  return refreshing;
}

async function login(key) {
  api = new Api(key);
  try {
    const me = await api.me();
    sessionStorage.setItem(KEY_ITEM, key);
    ui.whoami.textContent = `Signed in as ${personName(me)}${me.roles?.length ? ` · ${me.roles.join(', ')}` : ''}`;
    ui.whoami.hidden = false;
    ui.logout.hidden = false;
    ui.login.hidden = true;
    ui.inbox.hidden = false;
    ui.loginError.textContent = '';
    document.getElementById('list-title').focus();
    await refresh();
  } catch (err) {
    logout(err.status === 401 ? 'That key is not known to this server.' : `Login failed (${err.code}): ${err.message}`);
  }
}

function logout(message = '') {
  clearTimeout(timer);
  sessionStorage.removeItem(KEY_ITEM);
  api = undefined;
  requests = new Map();
  loaded = false;
  openKey = undefined;
  ui.rows.replaceChildren();
  ui.detail.hidden = true;
  ui.detail.replaceChildren();
  ui.inbox.hidden = true;
  ui.whoami.hidden = true;
  ui.logout.hidden = true;
  ui.login.hidden = false;
  ui.loginError.textContent = message;
  ui.keyInput.value = '';
  ui.keyInput.focus();
}

ui.loginForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void login(ui.keyInput.value.trim());
});
ui.logout.addEventListener('click', () => logout());
ui.graphFilter.addEventListener('change', renderList);
ui.mineFilter.addEventListener('change', renderList);

// A link may carry the key in its fragment (`/inbox#key=…`, as `npm start` prints for its demo people):
// the fragment never reaches the server or its logs, and is cleared from the address bar at once.
const linked = new URLSearchParams(location.hash.slice(1)).get('key');
if (linked) history.replaceState(null, '', location.pathname + location.search);
const saved = linked ?? sessionStorage.getItem(KEY_ITEM);
if (saved) void login(saved);
else ui.keyInput.focus();
