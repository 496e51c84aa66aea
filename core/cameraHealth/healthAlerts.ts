import type { CameraHealthProblem, CameraHealthProblemKind } from './assessCameraHealth';
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

/**
 * One incident the tenant dismissed: one camera, one kind of problem, the
 * incident that began at `since`. It hides that alert on every device of the
 * tenant; the same problem beginning again (after the camera recovered) has
 * another `since`, so it alerts again.
 */
export interface CameraAlertDismissal {
  readonly cameraKey: string;
  readonly kind: CameraHealthProblemKind;
  readonly since: string;
  /** The member who dismissed it, and when. */
  readonly by: string;
  readonly at: string;
}

/** The problems that alert on sign-in; the others only show on the camera's badge. */
export const ALERTING_KINDS: readonly CameraHealthProblemKind[] = ['agent_offline', 'offline', 'read_rate_drop', 'decode_failures'];
const ALERTING: ReadonlySet<CameraHealthProblemKind> = new Set(ALERTING_KINDS);

/**
 * The alerts of the tenant's cameras now: offline (the camera or its agent)
 * for longer than the threshold, reading far fewer codes than usual, or
 * footage that cannot be decoded, less the incidents the tenant dismissed.
 * Stream drops and short gaps only show on the camera's badge.
 */
export function healthAlerts(cameras: readonly JudgedCamera[], nowMs: number, dismissed: readonly CameraAlertDismissal[] = [], t = cameraAlertThresholds): CameraHealthAlert[] {
  const hidden = new Set(dismissed.map((d) => incidentId(d.cameraKey, d.kind, d.since)));
  return activeAlerts(cameras, nowMs, t).filter(({ alert }) => !hidden.has(alert.id)).map(({ alert }) => alert);
}

/**
 * The alerts that began to show after `previousMs` and show at `nowMs`: what a
 * scheduled judgement raises, once per incident however often it runs.
 */
export function raisedAlerts(cameras: readonly JudgedCamera[], nowMs: number, previousMs: number, t = cameraAlertThresholds): CameraHealthAlert[] {
  return activeAlerts(cameras, nowMs, t).filter(({ showsFrom }) => showsFrom > previousMs).map(({ alert }) => alert);
}

function incidentId(cameraKey: string, kind: CameraHealthProblemKind, since: string): string {
  return `${cameraKey}|${kind}|${since}`;
}

function activeAlerts(cameras: readonly JudgedCamera[], nowMs: number, t: typeof cameraAlertThresholds): { alert: CameraHealthAlert; showsFrom: number }[] {
  const alerts: { alert: CameraHealthAlert; showsFrom: number }[] = [];
  for (const camera of cameras) {
    for (const problem of camera.health.problems) {
      if (!ALERTING.has(problem.kind)) continue;
      const since = camera.since[problem.kind] ?? new Date(nowMs).toISOString();
      const showsFrom = Date.parse(since) + (problem.kind === 'offline' || problem.kind === 'agent_offline' ? t.offlineAlertAfterMs : 0);
      if (showsFrom > nowMs) continue;
      alerts.push({
        alert: {
          id: incidentId(camera.camera.key, problem.kind, since),
          cameraKey: camera.camera.key,
          cameraName: camera.cameraName,
          placeName: camera.placeName,
          sourceId: camera.camera.sourceId,
          agentId: camera.camera.agentId,
          problem,
          since,
        },
        showsFrom,
      });
    }
  }
  return alerts;
}
