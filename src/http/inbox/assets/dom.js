// Small helpers to build markup from data. Every value goes in as text (textContent), never as HTML.

/** `h('p', { class: 'hint' }, 'text', child)`: an element with attributes and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Who someone is, for people: `Fran (fran)`, or the id alone. */
export function personName(identity) {
  if (!identity) return 'unknown';
  return identity.name && identity.name !== identity.id ? `${identity.name} (${identity.id})` : identity.id;
}

const UNITS = [
  ['day', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1000],
];

/** A duration for people: `3 min`, `2 h 5 min`. */
export function duration(ms) {
  const parts = [];
  let rest = Math.max(0, ms);
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(unit === 'day' ? `${count} day${count === 1 ? '' : 's'}` : `${count} ${unit}`);
      rest -= count * size;
    }
    if (parts.length === 2) break;
  }
  return parts.length ? parts.join(' ') : '0 s';
}

/** A `<time>` for an ISO instant, with the local time as its title; a dash when there is none. */
function timeOf(iso, text) {
  if (!iso) return h('span', { class: 'none' }, '—');
  return h('time', { datetime: iso, title: new Date(iso).toLocaleString() }, text(new Date(iso).getTime() - Date.now()));
}

/** How long since `iso` (how long a request has waited). */
export function timeFrom(iso) {
  return timeOf(iso, (delta) => duration(-delta));
}

/** How long until a deadline, or how long it is overdue. */
export function timeUntil(iso) {
  return timeOf(iso, (delta) => (delta >= 0 ? `in ${duration(delta)}` : `${duration(-delta)} overdue`));
}

/** Any JSON value in one readable line: strings as they are, the rest as JSON. */
export function inline(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A `<time>` for an ISO instant, in local date and time. */
export function clock(iso) {
  return h('time', { datetime: iso }, new Date(iso).toLocaleString());
}
