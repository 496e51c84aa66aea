import type { RecordingWindow } from './cameraOnboardingSchemas';
import type { SealedSecret } from '../ports/secretSealer';
import type { CameraCapture } from '../edge/agentCameraSchema';
import type { SiteCameraNvr } from './cameraNvr';
import type { ProcessingSettings } from '../sources/processingSettings';

/** A rectangle of the picture as fractions of its width and height (core/sources/processingSettings.ts `roi`). */
export type RegionOfInterest = NonNullable<ProcessingSettings['roi']>;

/** One media profile of an ONVIF device as the agent read it (resolution, codec) with its stream address. */
export interface CameraProfile {
  readonly token: string;
  readonly name: string;
  readonly encoding: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly fps: number | null;
  /** RTSP address without credentials, with the host the agent reached the device at. */
  readonly rtspUrl: string;
}

/**
 * A camera the tenant added from the web app, recorded by one agent. Its
 * password is kept sealed (core/ports/secretSealer, context `camera-credentials`)
 * and opened only to hand the agent its configuration; the API never returns it.
 * Its footage is filed under its own `onvif` source (`sourceId`), so search,
 * retention and "remove, keeping footage" work as for any source.
 */
export interface SiteCamera {
  readonly tenantId: string;
  /** Also the camera id in segment names and events (letters, digits, dashes). */
  readonly id: string;
  readonly agentId: string;
  readonly sourceId: string;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly manufacturer: string;
  readonly model: string;
  readonly profile: CameraProfile;
  /** Every profile the device offered, to change the choice later without asking the device again. */
  readonly profiles: readonly CameraProfile[];
  readonly username: string;
  readonly password: SealedSecret;
  readonly schedule: readonly RecordingWindow[];
  readonly paused: boolean;
  readonly segmentSeconds: number;
  /** The part of the picture read for codes (drawn on its snapshot); null or absent (stored before it existed) for all of it. */
  readonly roi?: RegionOfInterest | null;
  /** The newest snapshot the agent sent (object key) and when. */
  readonly snapshot: { readonly key: string; readonly at: string } | null;
  /** The NVR its recordings are pulled from (absent on cameras stored before it existed: none). */
  readonly nvr?: SiteCameraNvr | null;
  /** `nvr`: its footage is taken from the NVR, not recorded live (absent on cameras stored before it existed: live). */
  readonly capture?: CameraCapture;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a camera's sealed password is bound to: it opens for this tenant and camera only. */
export const cameraSecretContext = (tenantId: string, cameraId: string) => ({ tenantId, cameraId, purpose: 'camera-credentials' });

/** What a probe's sealed password is bound to, until the camera is added. */
export const probeSecretContext = (tenantId: string, requestId: string) => ({ tenantId, requestId, purpose: 'camera-credentials' });

/** Where a camera's newest snapshot is kept (one object per camera, replaced). */
export const cameraSnapshotKey = (tenantId: string, name: string): string => `${tenantId}/_snapshots/${name.replace(/[^A-Za-z0-9_-]/g, '-')}.jpg`;
