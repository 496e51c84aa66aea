import type { CameraHealth } from '../cameraHealth/assessCameraHealth';
import type { CameraHealthAlert } from '../cameraHealth/healthAlerts';
import type { CameraHealthChange } from '../ports/cameraHealthHistory';

/** One camera's health in `GET /api/cameras/health`. */
export interface CameraHealthView {
  readonly key: string;
  readonly cameraId: string;
  readonly cameraName: string;
  /** The agent's name (recorded cameras) or the source's (Drive, local folders). */
  readonly placeName: string;
  readonly agentId: string | null;
  readonly sourceId: string | null;
  readonly health: CameraHealth;
}

/** `GET /api/cameras/health`: every camera's health now, and what the tenant is alerted of on sign-in. */
export interface CamerasHealthView {
  readonly cameras: readonly CameraHealthView[];
  readonly alerts: readonly CameraHealthAlert[];
}

/** `GET /api/cameras/health/history`: changes of the last `days` days (30 unless asked), newest first. */
export interface CameraHealthHistoryView {
  readonly days: number;
  readonly changes: readonly CameraHealthChange[];
}

export type { CameraHealthAlert, CameraHealthChange };
