// What the bench's raw Temporal workflows and the runner share: the Updates that drive them and the
// shapes they return. Workflow-safe (only definitions), as a sample's shared.ts.
import { defineUpdate } from '@temporalio/workflow';

/** What a raw thread answers: its state, and the question it waits on, if any. */
export interface RawView {
  values: Record<string, unknown>;
  waitingFor?: string;
}

/** Starts a raw workflow's work (update-with-start); returns when it waits or has finished. */
export const rawBegin = defineUpdate<RawView, [{ steps?: number }]>('rawBegin');
/** Answers the question a raw workflow waits on; returns when it waits again or has finished. */
export const rawAnswer = defineUpdate<RawView, [string]>('rawAnswer');

/** The one local activity of the activity-step workloads, on both sides. */
export interface BenchActivities {
  tick(count: number): Promise<number>;
}
