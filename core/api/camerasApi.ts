import type { CameraHealth } from '../cameraHealth/assessCameraHealth';
import type { DeviceFailureCode } from '../cameras/deviceFailure';
import type { BackfillRangeReport, CameraHeartbeat, DiscoveredCamera, NvrFollowReport } from '../edge/cameraHeartbeatSchema';
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

/** A camera that takes its footage from the NVR: its regular pulls as reported, and how far behind now they are. */
export interface NvrFollowView extends NvrFollowReport {
  /** Seconds its footage in hand is behind now, once more than one pull's worth (core/cameras/nvrFollowBehind); null while it keeps up. */
  readonly behindSeconds: number | null;
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
  /** Its regular pulls when it takes its footage from the NVR; null for a camera recorded live (or an agent before the report). */
  readonly nvrFollow: NvrFollowView | null;
  readonly health: CameraHealth;
}

/** `GET /api/cameras`: what the tenant's agents found and what they record. */
export interface CamerasView {
  readonly discovered: readonly DiscoveredCameraView[];
  readonly cameras: readonly RecordedCameraView[];
}
