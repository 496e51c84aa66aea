/**
 * How many ProcessCamera steps one sync run gives each camera. A run is one
 * Standard execution, which fails outright past 25,000 history events, and its
 * inline Map writes every step into that history: 7 events a step (the task:
 * entered, scheduled, started, succeeded, exited; the MoreForCamera choice:
 * entered, exited) and about 6 a camera (its iteration's start and end, the
 * Succeed state). Processing gets 14,000 of the 25,000; the transfers take at
 * most about 4,500 (400 batches, core/sync/batchTransfers.ts) and the rest is
 * margin for retries. So a deep backlog on many cameras is shared out: one
 * camera alone gets 200 steps a run, twenty get 99 each, and whatever is left
 * is planned again by the next run (planProcessing takes every unread file).
 */
const HISTORY_EVENTS_FOR_PROCESSING = 14_000;
const EVENTS_PER_STEP = 7;
const EVENTS_PER_CAMERA = 6;

/** Steps one camera may take in one run, however few cameras share it: bounds how long one run holds the source. */
export const MAX_STEPS_PER_CAMERA = 200;

/** Cameras one run can give at least one step each; more wait for the next run. */
export const MAX_CAMERAS_PER_RUN = Math.floor(HISTORY_EVENTS_FOR_PROCESSING / (EVENTS_PER_CAMERA + EVENTS_PER_STEP));

export function stepsPerCamera(cameras: number): number {
  const share = Math.floor(HISTORY_EVENTS_FOR_PROCESSING / Math.max(1, cameras));
  return Math.max(1, Math.min(MAX_STEPS_PER_CAMERA, Math.floor((share - EVENTS_PER_CAMERA) / EVENTS_PER_STEP)));
}

/** The history events a run's processing writes at most with `cameras` cameras: what the budget above keeps under 14,000. */
export function processingHistoryEvents(cameras: number): number {
  return cameras * (EVENTS_PER_CAMERA + EVENTS_PER_STEP * stepsPerCamera(cameras));
}
