// The thread's own structures are JSON by construction, so a JSON round trip is a faithful deep copy.

/** Deep copy of plain data. */
export function cloneData<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
