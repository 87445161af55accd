// durable-graph against a hand-written raw Temporal workflow doing the same work, on one dev server,
// in one run: latency, steps, history, paused threads (throughput and worker memory), a cold cache,
// two workers, and (with --full) 10,000 paused threads. Prints a markdown table and writes it, with
// the same figures as JSON, to bench/results/.
//   npm run bench                 quick sizes (a few minutes)
//   npm run bench -- --full       the sizes of the README's table
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startDevServer } from '../src/server/devServer';
import { benchBundle } from './bundles';
import { markdownOf, type Report } from './report';
import { median } from './stats';
import { connectSystem, type SystemKey } from './systems';
import { startWorkerProcess } from './workers';
import {
  approvalGateLatency,
  historyPerThread,
  multiInterruptLatency,
  pausedThreads,
  row,
  stepCost,
  type PausedThreadsFigures,
  type PausedThreadsSpec,
  type Row,
} from './workloads';

const full = process.argv.includes('--full');
const sizes = full
  ? { rounds: 40, askRounds: 20, stepRuns: 9, paused: 500, pausedRepeats: 3, coldCache: 300, timedResumes: 30, twoWorkers: 500, many: 10_000 }
  : { rounds: 12, askRounds: 6, stepRuns: 5, paused: 200, pausedRepeats: 1, coldCache: 100, timedResumes: 15, twoWorkers: 200, many: 0 };
const CONCURRENCY = 32;
const STEPS = 100;

const KEYS: SystemKey[] = ['raw', 'graph'];

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const runId = `b${Date.now().toString(36)}`;
  const server = await startDevServer({ log: () => undefined });
  const address = server.address;
  const dir = mkdtempSync(join(tmpdir(), 'durable-graph-bench-'));
  const rows: Row[] = [];
  const notes: string[] = [];
  const show = (more: Row[]) => {
    rows.push(...more);
    for (const r of more) log(`${r.workload}, ${r.metric}: raw ${r.raw.toFixed(2)}, durable-graph ${r.graph.toFixed(2)} ${r.unit} (${r.ratio.toFixed(2)}x)`);
  };
  try {
    log('bundling both systems’ workflows');
    const bundles = {} as Record<SystemKey, string>;
    for (const key of KEYS) {
      const { code } = await benchBundle(key);
      bundles[key] = join(dir, `${key}.js`);
      writeFileSync(bundles[key], code);
    }
    const bundleMiB = (key: SystemKey) => statSync(bundles[key]).size / 2 ** 20;
    show([row('workflow bundle', 'size (graphs, no agents)', 'MiB', { raw: bundleMiB('raw'), graph: bundleMiB('graph') })]);

    // Round trips: one worker process per system, both running, systems alternated round by round.
    const workers = await Promise.all(KEYS.map((key) => startWorkerProcess({ address, taskQueue: `bench-${key}-${runId}`, bundlePath: bundles[key] })));
    const systems = await Promise.all(KEYS.map((key) => connectSystem(key, address, `bench-${key}-${runId}`)));
    try {
      log(`approval gate latency, ${sizes.rounds} rounds`);
      const gate = await approvalGateLatency(systems, sizes.rounds, runId);
      show(gate.rows);
      show(await historyPerThread(systems, gate.threads));
      log(`one node asking 3 times, ${sizes.askRounds} rounds`);
      show(await multiInterruptLatency(systems, sizes.askRounds, runId));
      for (const kind of ['pure', 'activity'] as const) {
        log(`${STEPS} ${kind} steps, ${sizes.stepRuns} runs`);
        show([await stepCost(systems, kind, STEPS, sizes.stepRuns, runId)]);
      }
    } finally {
      await Promise.all(systems.map((s) => s.close()));
      await Promise.all(workers.map((w) => w.stop()));
    }

    // Paused threads: fresh worker processes per system and repeat, so memory is the workload's own.
    const paused = async (label: string, spec: PausedThreadsSpec, repeats = 1): Promise<Record<SystemKey, PausedThreadsFigures[]>> => {
      const figures: Record<SystemKey, PausedThreadsFigures[]> = { raw: [], graph: [] };
      for (let i = 0; i < repeats; i++) {
        for (const key of i % 2 ? [...KEYS].reverse() : KEYS) {
          log(`${label}: ${key}, ${spec.threads} threads (${i + 1} of ${repeats})`);
          figures[key].push(await pausedThreads((taskQueue) => connectSystem(key, address, taskQueue), spec, bundles[key], address, `${runId}-${label.replace(/\W+/g, '')}-${key}-${i}`));
        }
      }
      return figures;
    };
    const mid = (figures: Record<SystemKey, PausedThreadsFigures[]>, pick: (f: PausedThreadsFigures) => number | undefined) => ({
      raw: median(figures.raw.map((f) => pick(f) ?? NaN)),
      graph: median(figures.graph.map((f) => pick(f) ?? NaN)),
    });
    const perCachedThreadKiB = (f: PausedThreadsFigures) => ((f.rssPaused - f.rssWarm) * 1024) / f.cached;
    const pausedRows = (name: string, figures: Record<SystemKey, PausedThreadsFigures[]>) => [
      row(name, 'pause throughput', 'threads/s', mid(figures, (f) => f.pausePerSecond), { min: 0.9 }),
      row(name, 'resume throughput', 'threads/s', mid(figures, (f) => f.resumePerSecond), { min: 0.9 }),
      row(name, 'worker RSS per cached paused thread', 'KiB', mid(figures, perCachedThreadKiB), { max: 2 }),
      row(name, 'worker RSS after pausing all', 'MiB', mid(figures, (f) => f.rssPaused)),
      row(name, 'worker RSS after resuming all', 'MiB', mid(figures, (f) => f.rssResumed)),
    ];

    const one = await paused('paused', { threads: sizes.paused, concurrency: CONCURRENCY, workers: 1 }, sizes.pausedRepeats);
    show(pausedRows(`${sizes.paused} threads paused at concurrency ${CONCURRENCY}`, one));

    const cold = await paused('cold', { threads: sizes.coldCache, concurrency: CONCURRENCY, workers: 1, cache: 10, timedResumes: sizes.timedResumes });
    const coldName = `${sizes.coldCache} paused threads, worker cache of 10 (every resume replays)`;
    show([
      row(coldName, 'resume from a cold cache, p50', 'ms', mid(cold, (f) => f.resumeP50), { max: 1.1 }),
      row(coldName, 'resume throughput', 'threads/s', mid(cold, (f) => f.resumePerSecond), { min: 0.9 }),
    ]);

    const two = await paused('two', { threads: sizes.twoWorkers, concurrency: CONCURRENCY, workers: 2 });
    const twoName = `${sizes.twoWorkers} threads paused, 2 workers on one task queue`;
    const gain = (pick: (f: PausedThreadsFigures) => number) => ({ raw: mid(two, pick).raw / mid(one, pick).raw, graph: mid(two, pick).graph / mid(one, pick).graph });
    show([
      row(twoName, 'pause throughput', 'threads/s', mid(two, (f) => f.pausePerSecond), { min: 0.9 }),
      row(twoName, 'resume throughput', 'threads/s', mid(two, (f) => f.resumePerSecond), { min: 0.9 }),
      row(twoName, 'pause throughput, 2 workers ÷ 1', 'x', gain((f) => f.pausePerSecond)),
      row(twoName, 'resume throughput, 2 workers ÷ 1', 'x', gain((f) => f.resumePerSecond)),
    ]);

    if (sizes.many) {
      const many = await paused('many', { threads: sizes.many, concurrency: CONCURRENCY, workers: 1 });
      show(pausedRows(`${sizes.many.toLocaleString('en')} threads paused at once, one worker, default cache`, many));
      notes.push(`With ${sizes.many.toLocaleString('en')} threads the default cache (${many.graph[0].cached} workflows on this machine) holds only part of them: the rest replay when resumed.`);
    } else {
      notes.push('Quick sizes; `npm run bench -- --full` adds 10,000 paused threads and repeats the paused-threads runs.');
    }
  } finally {
    await server.stop();
  }
  const report: Report = { mode: full ? 'full' : 'quick', date: new Date().toISOString().slice(0, 10), machine: { cpus: cpus().length, node: process.versions.node, platform: process.platform }, rows, notes };
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  const markdown = markdownOf(report);
  writeFileSync(join(out, `${report.mode}.md`), markdown);
  writeFileSync(join(out, `${report.mode}.json`), JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(markdown);
  log(`written: bench/results/${report.mode}.md and .json`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
