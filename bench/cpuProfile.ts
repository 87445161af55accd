// Where a workload's worker time goes: runs one worker in this process with its workflows in the main
// thread (Temporal's debugMode, so the profiler sees them), profiles the workload with the V8
// inspector, and prints the functions with the most self time.
//   npx ts-node --transpile-only bench/cpuProfile.ts [gate|steps] [graph|raw]
// The profile is written to bench/results/ for Chrome DevTools.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import { join } from 'node:path';
import { inProcessWorker } from './inProcess';
import { inPool } from './stats';
import type { BenchSystem } from './systems';

const workload = process.argv[2] === 'steps' ? 'steps' : 'gate';
const key = process.argv[3] === 'raw' ? 'raw' : 'graph';

const workloads: Record<typeof workload, (system: BenchSystem, round: string) => Promise<void>> = {
  gate: async (system, round) => {
    await inPool(Array.from({ length: 100 }, (_, i) => `${round}-gate-${i}`), 8, async (id) => {
      await system.gateStart(id);
      await system.gateResume(id);
    });
  },
  steps: async (system, round) => {
    for (let i = 0; i < 10; i++) await system.steps('pure', `${round}-steps-${i}`, 100);
  },
};

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))));
}

/** Self time by function (name and file), descending. */
function selfTimes(profile: Profiler.Profile): Array<{ what: string; ms: number }> {
  const dt = new Map<number, number>();
  profile.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const what = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|work\/main)\//, '')}:${lineNumber + 1}`;
    byFunction.set(what, (byFunction.get(what) ?? 0) + (dt.get(node.id) ?? 0) / 1000);
  }
  return [...byFunction.entries()].map(([what, ms]) => ({ what, ms })).sort((a, b) => b.ms - a.ms);
}

async function main(): Promise<void> {
  const { system, worker, stop } = await inProcessWorker(key);
  const session = new Session();
  session.connect();
  try {
    await worker.runUntil(async () => {
      await workloads[workload](system, 'warm');
      await post(session, 'Profiler.enable');
      await post(session, 'Profiler.start');
      const start = performance.now();
      await workloads[workload](system, 'profiled');
      const elapsed = performance.now() - start;
      const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
      const out = join(__dirname, 'results');
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, `${workload}-${key}.cpuprofile`), JSON.stringify(profile));
      const times = selfTimes(profile);
      const busy = times.filter((t) => !t.what.startsWith('(idle)')).reduce((sum, t) => sum + t.ms, 0);
      console.log(`${workload} on ${key}: ${elapsed.toFixed(0)} ms, of which ${busy.toFixed(0)} ms on this process's CPU`);
      for (const t of times.slice(0, 40)) console.log(`${t.ms.toFixed(1).padStart(8)} ms  ${t.what}`);
    });
  } finally {
    session.disconnect();
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
