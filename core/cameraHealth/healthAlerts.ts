import type { CameraHealthProblem } from './assessCameraHealth';
import type { JudgedCamera } from './judgeCameraHealth';

/** When a camera's problem becomes a sign-in alert (docs/EDGE-AGENT.md, "Camera health"). */
export const cameraAlertThresholds = {
  /** Offline (camera or its agent) this long: a short network blip or a restart does not alert. */
  offlineAlertAfterMs: 30 * 60_000,
} as const;

/** A problem the tenant is told about on sign-in; `id` names the incident, so dismissing it lasts until the next one. */
export interface CameraHealthAlert {
  readonly id: string;
  readonly cameraKey: string;
  readonly cameraName: string;
  readonly placeName: string;
  readonly sourceId: string | null;
  readonly agentId: string | null;
  readonly problem: CameraHealthProblem;
  readonly since: string;
}

const ALERTING: ReadonlySet<CameraHealthProblem['kind']> = new Set(['agent_offline', 'offline', 'read_rate_drop', 'decode_failures']);

/**
 * The alerts of the tenant's cameras now: offline (the camera or its agent)
 * for longer than the threshold, reading far fewer codes than usual, or
 * footage that cannot be decoded. Stream drops and short gaps only show on
 * the camera's badge.
 */
export function healthAlerts(cameras: readonly JudgedCamera[], nowMs: number, t = cameraAlertThresholds): CameraHealthAlert[] {
  const alerts: CameraHealthAlert[] = [];
  for (const camera of cameras) {
    for (const problem of camera.health.problems) {
      if (!ALERTING.has(problem.kind)) continue;
      const since = camera.since[problem.kind] ?? new Date(nowMs).toISOString();
      if ((problem.kind === 'offline' || problem.kind === 'agent_offline') && nowMs - Date.parse(since) < t.offlineAlertAfterMs) continue;
      alerts.push({
        id: `${camera.camera.key}|${problem.kind}|${since}`,
        cameraKey: camera.camera.key,
        cameraName: camera.cameraName,
        placeName: camera.placeName,
        sourceId: camera.camera.sourceId,
        agentId: camera.camera.agentId,
        problem,
        since,
      });
    }
  }
  return alerts;
}
