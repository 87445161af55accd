import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { testBundle } from '../helpers/harness';

// Histories recorded from the shipped graphs (paused and finished). A change to a graph or to the
// runtime that would break threads already waiting fails here: guard such changes with patched().
// Each generation is kept: histories/ (threads that publish every search attribute change) and
// histories/changes-at-rest/ (threads started by clients that set them at start).
const dir = join(__dirname, 'histories');
const GENERATIONS = ['', 'changes-at-rest'];
const jsonIn = (folder: string) => readdirSync(join(dir, folder)).filter((f) => f.endsWith('.json')).sort();
const files = GENERATIONS.flatMap((folder) => jsonIn(folder).map((f) => join(folder, f)));

/** The part of a recorded history that `load` may rewrite. */
interface RecordedHistory {
  events: Array<{ workflowExecutionStartedEventAttributes: { workflowType: { name: string } } }>;
}

function load(file: string, workflowType?: string) {
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as RecordedHistory;
  if (workflowType) json.events[0].workflowExecutionStartedEventAttributes.workflowType.name = workflowType;
  // The thread id the recorder used (test/replay/record.ts): interrupt ids derive from it.
  return { workflowId: `replay-${basename(file).replace(/-(paused|finished)\.json$/, '')}`, history: historyFromJSON(json) };
}

test.each(GENERATIONS)('there is a paused and a finished history for every shipped graph (histories/%s)', async (folder) => {
  const shipped = Object.keys(await import('../../workflows')).sort();
  expect(jsonIn(folder)).toEqual(shipped.flatMap((g) => [`${g}-finished.json`, `${g}-paused.json`]));
});

test('every recorded history replays without a determinism error', async () => {
  const results: Array<{ workflowId: string; error?: unknown }> = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: testBundle() }, files.map((f) => load(f)))) results.push(result);
  expect(results).toHaveLength(files.length);
  expect(results.filter((r) => r.error).map((r) => `${r.workflowId}: ${String(r.error)}`)).toEqual([]);
});

test('a graph changed without patched() fails to replay a recorded history', async () => {
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: testBundle() }, [load('approvalGate-finished.json', 'approvalGateChanged')])) results.push(result);
  expect(results[0].error).toBeInstanceOf(DeterminismViolationError);
});
