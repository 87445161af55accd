import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/** One side effect, as the outside world saw it. */
export interface LedgerEntry {
  /** Idempotency key: an effect with a key already in the ledger is not done again. */
  key: string;
  action: string;
  details: Record<string, unknown>;
}

/**
 * Where the shipped tools record the effects they perform (accounts deleted, payments sent...), so
 * that tests and demos can count them. File-backed so that it survives a killed worker process.
 */
export interface Ledger {
  /** Records the effect once per key; returns false when the key was already there. */
  record(entry: LedgerEntry): boolean;
  entries(): LedgerEntry[];
}

export function memoryLedger(): Ledger {
  const list: LedgerEntry[] = [];
  return {
    record(entry) {
      if (list.some((e) => e.key === entry.key)) return false;
      list.push(entry);
      return true;
    },
    entries: () => [...list],
  };
}

/** A JSON-lines file; appends are atomic enough for one worker process at a time. */
export function fileLedger(path: string): Ledger {
  const entries = (): LedgerEntry[] =>
    existsSync(path)
      ? readFileSync(path, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as LedgerEntry)
      : [];
  return {
    record(entry) {
      if (entries().some((e) => e.key === entry.key)) return false;
      appendFileSync(path, `${JSON.stringify(entry)}\n`);
      return true;
    },
    entries,
  };
}
