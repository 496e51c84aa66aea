import type { CameraHealth } from '../cameraHealth/assessCameraHealth';
import type { DeviceFailureCode } from '../cameras/deviceFailure';
import type { BackfillRangeReport, CameraHeartbeat, DiscoveredCamera } from '../edge/cameraHeartbeatSchema';
import type { IsoDate } from './collections';

/** An ONVIF device an agent found on its LAN, in `GET /api/cameras`. */
export interface DiscoveredCameraView extends DiscoveredCamera {
  readonly agentId: string;
  readonly agentName: string;
}

/**
 * A range its agent pulls or pulled from the camera's recorder, as reported;
 * `lastError` is the device's or ffmpeg's English words (details only) and
 * `lastErrorCode` what the web words (null: no failure).
 */
export interface BackfillRangeView extends BackfillRangeReport {
  readonly lastErrorCode: DeviceFailureCode | null;
}

/** A camera an agent records, with its health, in `GET /api/cameras`. */
export interface RecordedCameraView {
  readonly agentId: string;
  readonly agentName: string;
  readonly cameraId: string;
  readonly state: CameraHeartbeat['state'];
  readonly error: string | null;
  readonly lastSegmentAt: IsoDate | null;
  readonly restarts: number;
  /** Footage ranges its agent pulls or pulled from the camera's recorder (SD card or NVR), newest first. */
  readonly backfill: readonly BackfillRangeView[];
  readonly health: CameraHealth;
}

/** `GET /api/cameras`: what the tenant's agents found and what they record. */
export interface CamerasView {
  readonly discovered: readonly DiscoveredCameraView[];
  readonly cameras: readonly RecordedCameraView[];
}
