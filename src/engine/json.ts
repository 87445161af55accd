// What may cross the wire: plain JSON only. Temporal's JSON converter turns a Map into {}, a Date
// into a string and NaN into null without a word, so values are checked before they are sent.
// Pure and workflow-safe (no Node import): the client checks requests with it, workflow code
// checks interrupt() values.

/** Where the first value JSON cannot hold sits (`$.args.amount`, `$.items[2]`), and what it is. */
export interface NonJson {
  path: string;
  reason: string;
}

/** The first value in `value` (depth first, in key order) that is not plain JSON, or undefined if there is none. */
export function findNonJson(value: unknown): NonJson | undefined {
  return visit(value, '$', new Set());
}

/** `"<what>: $.a.b is a Map, which JSON cannot hold; ..."`: the message for a value findNonJson found. */
export function describeNonJson(what: string, found: NonJson): string {
  return `${what}: ${found.path} is ${found.reason}, which JSON cannot hold; send plain JSON (objects, arrays, strings, finite numbers, booleans, null)`;
}

/** Throws `toError(message)` (a TypeError by default) unless `value` is plain JSON. */
export function assertJson(value: unknown, what: string, toError: (message: string) => Error = (m) => new TypeError(m)): void {
  const found = findNonJson(value);
  if (found) throw toError(describeNonJson(what, found));
}

function visit(value: unknown, path: string, ancestors: Set<object>): NonJson | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : { path, reason: String(value) };
    case 'undefined':
      return { path, reason: 'undefined' };
    case 'bigint':
      return { path, reason: 'a BigInt' };
    case 'symbol':
      return { path, reason: 'a Symbol' };
    case 'function':
      return { path, reason: 'a function' };
  }
  if (value === null) return undefined;
  const object = value as object;
  if (ancestors.has(object)) return { path, reason: 'a cycle (it contains itself)' };
  const kind = nonPlainKind(object);
  if (kind) return { path, reason: kind };
  ancestors.add(object);
  try {
    return Array.isArray(object) ? visitArray(object, path, ancestors) : visitObject(object, path, ancestors);
  } finally {
    ancestors.delete(object); // a value shared by two branches is fine; only a cycle is refused
  }
}

function visitArray(array: unknown[], path: string, ancestors: Set<object>): NonJson | undefined {
  for (let i = 0; i < array.length; i++) {
    const itemPath = `${path}[${i}]`;
    if (!(i in array)) return { path: itemPath, reason: 'an empty slot of a sparse array' };
    const found = visit(array[i], itemPath, ancestors);
    if (found) return found;
  }
  return undefined;
}

function visitObject(object: object, path: string, ancestors: Set<object>): NonJson | undefined {
  if (Object.getOwnPropertySymbols(object).some((s) => Object.prototype.propertyIsEnumerable.call(object, s))) {
    return { path, reason: 'an object with Symbol keys' };
  }
  for (const [key, member] of Object.entries(object)) {
    const found = visit(member, memberPath(path, key), ancestors);
    if (found) return found;
  }
  return undefined;
}

/** Why an object is not a plain JSON object or array ("a Map", "an instance of class Foo"), or undefined. */
function nonPlainKind(object: object): string | undefined {
  const proto: unknown = Object.getPrototypeOf(object);
  const name = proto === null ? 'Object' : constructorName(proto);
  // Compared by name, not identity: values made in another realm (a vm context, structuredClone
  // under jest) have that realm's Object.prototype and Array.prototype.
  if (Array.isArray(object)) return name === 'Array' ? undefined : `an instance of class ${name || 'a subclass of Array'}`;
  if (proto === null || (name === 'Object' && Object.getPrototypeOf(proto) === null)) return undefined;
  if (BUILT_INS.has(name) || ArrayBuffer.isView(object)) return withArticle(name || 'typed array');
  return name ? `an instance of class ${name}` : 'an object with a custom prototype';
}

const BUILT_INS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'RegExp', 'Promise', 'Error', 'ArrayBuffer', 'SharedArrayBuffer', 'Boolean', 'Number', 'String']);

function withArticle(name: string): string {
  return `${/^[AEIO]/.test(name) ? 'an' : 'a'} ${name}`;
}

function constructorName(proto: unknown): string {
  const ctor = (proto as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && typeof ctor.name === 'string' ? ctor.name : '';
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function memberPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
