/** Activities of the semantics test graphs: each call is counted; mayFail fails while `failing` holds. */
export function createSemanticsActivities() {
  const calls: string[] = [];
  const control = { failing: false, gates: new Set<string>() };
  return {
    control,
    calls,
    activities: {
      async touch(label: string): Promise<void> {
        calls.push(label);
      },
      async mayFail(input: string): Promise<string> {
        calls.push(`mayFail:${input}`);
        if (control.failing) throw new Error(`downstream refused ${input}`);
        return `ok:${input}`;
      },
      /** Fails the first call for each key, then succeeds: for node retry policies. */
      async flakyOnce(key: string): Promise<string> {
        calls.push(`flakyOnce:${key}`);
        if (calls.filter((c) => c === `flakyOnce:${key}`).length === 1) throw new Error(`first call for ${key} fails`);
        return key.toUpperCase();
      },
      async one(): Promise<number> {
        return 1;
      },
      /** Returns once the test opens the gate (`control.gates.add(name)`): a slow activity the test controls. */
      async waitForGate(name: string): Promise<string> {
        calls.push(`waiting:${name}`);
        while (!control.gates.has(name)) await new Promise((r) => setTimeout(r, 20));
        return `passed ${name}`;
      },
      async sleepFor(ms: number): Promise<string> {
        await new Promise((r) => setTimeout(r, ms));
        return `slept ${ms}`;
      },
    },
  };
}

export type SemanticsActivities = ReturnType<typeof createSemanticsActivities>['activities'];
