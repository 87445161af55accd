// The bench's workloads. Each runs both systems in the same run on the same server, alternating
// where the work is a series of round trips, and returns one row per figure: raw, durable-graph, ratio.
import { temporal } from '@temporalio/proto';
import type { Client } from '@temporalio/client';
import { inPool, median, percentile, timed } from './stats';
import type { BenchSystem, SystemKey } from './systems';
import { rssMiB, startWorkerProcess, type WorkerProcess } from './workers';

/** One figure of the report, for both systems. */
export interface Row {
  workload: string;
  metric: string;
  unit: string;
  raw: number;
  graph: number;
  /** durable-graph / raw: above 1 is slower or bigger (for throughput: below 1 is slower). */
  ratio: number;
  /** The goal for this ratio, when it sets one. */
  goal?: { max?: number; min?: number };
}

export function row(workload: string, metric: string, unit: string, figures: Record<SystemKey, number>, goal?: Row['goal']): Row {
  return { workload, metric, unit, raw: figures.raw, graph: figures.graph, ratio: figures.graph / figures.raw, ...(goal ? { goal } : {}) };
}

/** Both systems, in an order that swaps every round so neither always goes first. */
function alternating(systems: BenchSystem[], round: number): BenchSystem[] {
  return round % 2 ? [...systems].reverse() : systems;
}

type PerSystem<T> = Record<SystemKey, T>;
const perSystem = <T>(make: () => T): PerSystem<T> => ({ raw: make(), graph: make() });

/** Approval gate: start → interrupt and resume → final latency; the threads are kept for the history figures. */
export async function approvalGateLatency(systems: BenchSystem[], rounds: number, runId: string): Promise<{ rows: Row[]; threads: PerSystem<string[]> }> {
  const start = perSystem<number[]>(() => []);
  const resume = perSystem<number[]>(() => []);
  const threads = perSystem<string[]>(() => []);
  for (let i = 0; i < rounds; i++) {
    for (const system of alternating(systems, i)) {
      const id = `${runId}-gate-${system.key}-${i}`;
      start[system.key].push(await timed(() => system.gateStart(id)));
      resume[system.key].push(await timed(() => system.gateResume(id)));
      threads[system.key].push(id);
    }
  }
  const p50 = (samples: PerSystem<number[]>) => ({ raw: median(samples.raw), graph: median(samples.graph) });
  return {
    rows: [
      row('approval gate', 'start → interrupt, p50', 'ms', p50(start), { max: 1.1 }),
      row('approval gate', 'resume → final, p50', 'ms', p50(resume), { max: 1.1 }),
    ],
    threads,
  };
}

/** One node asking three times: the latency of each resume. */
export async function multiInterruptLatency(systems: BenchSystem[], rounds: number, runId: string): Promise<Row[]> {
  const answers = [1, 2, 3].map(() => perSystem<number[]>(() => []));
  for (let i = 0; i < rounds; i++) {
    for (const system of alternating(systems, i)) {
      const id = `${runId}-ask-${system.key}-${i}`;
      await system.askStart(id);
      for (const n of [1, 2, 3]) answers[n - 1][system.key].push(await timed(() => system.askAnswer(id, n)));
    }
  }
  return answers.map((samples, i) => row('one node asking 3 times', `resume ${i + 1} of 3, p50`, 'ms', { raw: median(samples.raw), graph: median(samples.graph) }, { max: 1.1 }));
}

/** `steps` steps in one call, pure or with one local activity each: milliseconds per step (the call's round trip included). */
export async function stepCost(systems: BenchSystem[], kind: 'pure' | 'activity', steps: number, runs: number, runId: string): Promise<Row> {
  const perStep = perSystem<number[]>(() => []);
  for (let i = 0; i < runs; i++) {
    for (const system of alternating(systems, i)) {
      perStep[system.key].push((await timed(() => system.steps(kind, `${runId}-${kind}-${system.key}-${i}`, steps))) / steps);
    }
  }
  const label = kind === 'pure' ? `${steps} pure supersteps (no activity)` : `${steps} steps, one local activity each`;
  return row(label, 'per step (one call, median)', 'ms', { raw: median(perStep.raw), graph: median(perStep.graph) }, { max: kind === 'pure' ? 1.25 : 1.1 });
}

/** Events and encoded bytes of a thread's history (its current run: no thread here continues as new). */
async function historySize(client: Client, workflowId: string): Promise<{ events: number; bytes: number }> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const bytes = temporal.api.history.v1.History.encode(history).finish().length;
  return { events: history.events?.length ?? 0, bytes };
}

/** History per approval-gate thread, started, approved and finished. */
export async function historyPerThread(systems: BenchSystem[], threads: PerSystem<string[]>): Promise<Row[]> {
  const sizes = perSystem<Array<{ events: number; bytes: number }>>(() => []);
  for (const system of systems) {
    for (const id of threads[system.key].slice(0, 5)) sizes[system.key].push(await historySize(system.temporal, id));
  }
  const of = (pick: (s: { events: number; bytes: number }) => number) => ({ raw: median(sizes.raw.map(pick)), graph: median(sizes.graph.map(pick)) });
  return [
    row('history per approval-gate thread', 'events', 'events', of((s) => s.events), { max: 1.1 }),
    row('history per approval-gate thread', 'size', 'KiB', of((s) => s.bytes / 1024), { max: 1.1 }),
  ];
}

export interface PausedThreadsSpec {
  threads: number;
  concurrency: number;
  workers: number;
  /** maxCachedWorkflows of each worker; the SDK's default when absent. */
  cache?: number;
  /** Resumes timed one at a time before the rest go concurrently (a cold cache: each replays). */
  timedResumes?: number;
}

export interface PausedThreadsFigures {
  pausePerSecond: number;
  resumePerSecond: number;
  /** RSS of the worker processes: warmed up, after pausing all, after resuming all (MiB). */
  rssWarm: number;
  rssPaused: number;
  rssResumed: number;
  /** How many paused threads the workers' caches hold at most. */
  cached: number;
  /** Latency of the timed resumes, p50 (ms). */
  resumeP50?: number;
}

/**
 * N approval-gate threads paused at a given concurrency, then all resumed, on fresh worker processes
 * (so their memory is this workload's alone). Every thread's result is checked.
 */
export async function pausedThreads(
  connect: (taskQueue: string) => Promise<BenchSystem>,
  spec: PausedThreadsSpec,
  bundlePath: string,
  address: string,
  runId: string,
): Promise<PausedThreadsFigures> {
  const taskQueue = `bench-${runId}`;
  const workers: WorkerProcess[] = [];
  for (let i = 0; i < spec.workers; i++) workers.push(await startWorkerProcess({ address, taskQueue, bundlePath, maxCachedWorkflows: spec.cache }));
  const systemOnQueue = await connect(taskQueue);
  try {
    // Warm up: the bundle loaded, the code paths compiled.
    await inPool(Array.from({ length: 20 }, (_, i) => `${runId}-warm-${i}`), 4, async (id) => {
      await systemOnQueue.gateStart(id);
      await systemOnQueue.gateResume(id);
    });
    await settle();
    const rssWarm = rssMiB(workers);
    const ids = Array.from({ length: spec.threads }, (_, i) => `${runId}-paused-${i}`);
    const pauseMs = await inPool(ids, spec.concurrency, (id) => systemOnQueue.gateStart(id));
    await settle();
    const rssPaused = rssMiB(workers);
    const timedCount = Math.min(spec.timedResumes ?? 0, ids.length);
    const latencies: number[] = [];
    for (const id of ids.slice(0, timedCount)) latencies.push(await timed(() => systemOnQueue.gateResume(id)));
    const resumeMs = await inPool(ids.slice(timedCount), spec.concurrency, (id) => systemOnQueue.gateResume(id));
    await settle();
    const rssResumed = rssMiB(workers);
    return {
      pausePerSecond: spec.threads / (pauseMs / 1000),
      resumePerSecond: (spec.threads - timedCount) / (resumeMs / 1000),
      rssWarm,
      rssPaused,
      rssResumed,
      cached: Math.min(spec.threads, workers.reduce((sum, w) => sum + w.maxCachedWorkflows, 0)),
      ...(timedCount ? { resumeP50: percentile(latencies, 50) } : {}),
    };
  } finally {
    await systemOnQueue.close();
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/** Lets the workers finish what they were doing (and the GC run) before memory is read. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 2_000));
}
