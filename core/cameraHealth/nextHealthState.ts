import type { CameraHealthChange, CameraHealthState, CameraRef } from '../ports/cameraHealthHistory';
import { cameraHealthThresholds, type CameraHealth, type CameraHealthProblem, type CameraHealthProblemKind } from './assessCameraHealth';

/**
 * A camera's new health state after a judgement, and the change to store when
 * its status or the kinds of its problems differ from the state before. A
 * problem keeps the time it began while it lasts (the incident a sign-in alert
 * is dismissed for). Going offline is dated from the evidence (last heartbeat
 * or segment plus the threshold), not from when someone happened to look.
 */
export function nextHealthState(
  previous: CameraHealthState | null,
  camera: CameraRef,
  health: CameraHealth,
  nowMs: number,
  heartbeatSeconds: number,
): { state: CameraHealthState; change: CameraHealthChange | null; changed: boolean } {
  const now = new Date(nowMs).toISOString();
  const since: Partial<Record<CameraHealthProblemKind, string>> = {};
  const began: CameraHealthProblem[] = [];
  for (const problem of health.problems) {
    const kept = previous?.since[problem.kind];
    if (kept !== undefined) since[problem.kind] = kept;
    else {
      since[problem.kind] = beganAt(problem, nowMs, heartbeatSeconds, previous?.judgedAt ?? null);
      began.push(problem);
    }
  }
  const ended = (Object.keys(previous?.since ?? {}) as CameraHealthProblemKind[]).filter((kind) => since[kind] === undefined);
  const statusChanged = (previous?.status ?? null) !== health.status;
  const firstOk = previous === null && health.status === 'ok';
  const changed = statusChanged || began.length > 0 || ended.length > 0;
  const state: CameraHealthState = { key: camera.key, status: health.status, since, judgedAt: now, version: (previous?.version ?? 0) + 1 };
  if (!changed) return { state, change: null, changed: false };
  const at = began.length > 0 && ended.length === 0 && !firstOk ? began.map((p) => since[p.kind]!).sort()[0]! : now;
  return { state, change: firstOk ? null : { at, camera, from: previous?.status ?? null, to: health.status, began, ended }, changed: true };
}

/** When a problem began, from its own evidence where it has some; never before the previous judgement. */
function beganAt(problem: CameraHealthProblem, nowMs: number, heartbeatSeconds: number, judgedAt: string | null): string {
  let at = nowMs;
  if (problem.kind === 'agent_offline' && problem.since !== null) at = Date.parse(problem.since) + 3 * heartbeatSeconds * 1000;
  if (problem.kind === 'offline' && problem.since !== null) at = Date.parse(problem.since) + cameraHealthThresholds.offlineAfterMs;
  const floor = judgedAt === null ? -Infinity : Date.parse(judgedAt);
  return new Date(Math.min(nowMs, Math.max(at, floor))).toISOString();
}
