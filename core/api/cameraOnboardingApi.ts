import type { CameraNvrView } from '../cameras/cameraNvr';
import type { CameraCapture } from '../edge/agentCameraSchema';
import type { CameraFailureReason } from '../cameras/cameraRequest';
import type { RecordingWindow } from '../cameras/cameraOnboardingSchemas';
import type { CameraProfile, RegionOfInterest } from '../cameras/siteCamera';

/** A profile as the web app shows it (the stream address stays in the cloud). */
export type CameraProfileView = Omit<CameraProfile, 'rtspUrl'>;

/**
 * `GET /api/cameras/requests/{requestId}` (and the answer to making one):
 * `waiting` until the agent answers; `no_answer` when it has not within the
 * patience (the agent is offline or cannot reach the cloud).
 */
export interface CameraRequestView {
  readonly requestId: string;
  readonly kind: 'probe' | 'snapshot';
  readonly agentId: string;
  readonly state: 'waiting' | 'answered' | 'failed' | 'no_answer';
  readonly requestedAt: string;
  /** A probe that worked: what the device is and offers. */
  readonly device: { readonly manufacturer: string; readonly model: string; readonly address: string; readonly profiles: readonly CameraProfileView[] } | null;
  /** A snapshot that worked: a short-lived URL of the JPEG. */
  readonly snapshotUrl: string | null;
  /** Why it failed, as a code the web app words, and the agent's detail. */
  readonly error: { readonly reason: CameraFailureReason; readonly message: string } | null;
}

/** A camera added from the web app, in `GET /api/cameras` (`added`) and the answers of its routes. Never carries the password. */
export interface SiteCameraView {
  readonly cameraId: string;
  readonly agentId: string;
  readonly agentName: string;
  readonly sourceId: string;
  readonly name: string;
  readonly address: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly username: string;
  readonly profile: CameraProfileView;
  readonly profiles: readonly CameraProfileView[];
  readonly schedule: readonly RecordingWindow[];
  /** Length of its footage files. */
  readonly segmentSeconds: number;
  /** The part of the picture read for codes; null for all of it. */
  readonly roi: RegionOfInterest | null;
  readonly paused: boolean;
  readonly snapshotUrl: string | null;
  readonly snapshotAt: string | null;
  /** The NVR its recordings are pulled from to fill gaps; null: the camera itself. */
  readonly nvr: CameraNvrView | null;
  /** `live`: recorded from the camera's stream; `nvr`: its footage is taken from the NVR. */
  readonly capture: CameraCapture;
  readonly createdAt: string;
}

/** `GET /api/cameras/added`. */
export interface SiteCamerasView {
  readonly items: readonly SiteCameraView[];
}
