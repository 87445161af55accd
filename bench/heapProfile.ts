// Where a paused thread's worker memory goes: runs one worker in this process with its workflows in
// the main thread (Temporal's debugMode, so one heap holds them), takes a heap snapshot once warmed
// up and another after pausing N approval-gate threads, and prints what grew, by constructor.
//   npx ts-node --transpile-only bench/heapProfile.ts [graph|raw] [threads]
// The snapshots are written to bench/results/ for Chrome DevTools.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { inProcessWorker } from './inProcess';
import { inPool } from './stats';

const key = process.argv[2] === 'raw' ? 'raw' : 'graph';
const threads = Number(process.argv[3]) || 200;

/** Self sizes and counts by node type and name (a constructor, or the kind of string or code). */
function tally(file: string): Map<string, { count: number; bytes: number }> {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const byKey = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]];
    const name = type === 'object' || type === 'closure' ? snapshot.strings[snapshot.nodes[i + nameAt]] : '';
    const entry = byKey.get(`${type} ${name}`) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += snapshot.nodes[i + sizeAt];
    byKey.set(`${type} ${name}`, entry);
  }
  return byKey;
}

async function main(): Promise<void> {
  const { system, worker, stop } = await inProcessWorker(key);
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  try {
    await worker.runUntil(async () => {
      await inPool(Array.from({ length: 20 }, (_, i) => `warm-${i}`), 4, async (id) => {
        await system.gateStart(id);
        await system.gateResume(id);
      });
      const before = writeHeapSnapshot(join(out, `${key}-warm.heapsnapshot`));
      await inPool(Array.from({ length: threads }, (_, i) => `paused-${i}`), 32, (id) => system.gateStart(id));
      const after = writeHeapSnapshot(join(out, `${key}-paused-${threads}.heapsnapshot`));
      const [a, b] = [tally(before), tally(after)];
      const grown = [...b.entries()]
        .map(([name, { count, bytes }]) => ({ name, count: count - (a.get(name)?.count ?? 0), bytes: bytes - (a.get(name)?.bytes ?? 0) }))
        .sort((x, y) => y.bytes - x.bytes);
      const total = grown.reduce((sum, g) => sum + g.bytes, 0);
      console.log(`${key}: heap grew ${(total / 2 ** 20).toFixed(1)} MiB for ${threads} paused threads: ${(total / threads / 1024).toFixed(1)} KiB each`);
      for (const g of grown.slice(0, 30)) console.log(`${(g.bytes / threads).toFixed(0).padStart(8)} B/thread ${(g.count / threads).toFixed(1).padStart(8)} /thread  ${g.name.slice(0, 100)}`);
    });
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
