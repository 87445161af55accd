/** Throws unless `value` is plain JSON (what Temporal stores without loss); `where` names the culprit. */
export function assertJson(value: unknown, where: string, path = 'value'): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${where}: ${path} is ${value}, which JSON cannot hold`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertJson(v, where, `${path}[${i}]`));
    return;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`${where}: ${path} is a ${proto?.constructor?.name ?? 'class instance'}; use plain JSON objects`);
    }
    for (const [k, v] of Object.entries(value)) if (v !== undefined) assertJson(v, where, `${path}.${k}`);
    return;
  }
  throw new TypeError(`${where}: ${path} is a ${typeof value}, which JSON cannot hold`);
}

/** A deep copy through JSON, so nodes cannot change the thread's state behind its back. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
