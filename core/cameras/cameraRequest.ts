import { z } from 'zod';
import type { SealedSecret } from '../ports/secretSealer';
import type { CameraProfile } from './siteCamera';

/**
 * A question from the web app to an agent about a camera on its LAN (the cloud
 * cannot reach the shop's network): `probe` connects with the credentials given
 * and reads identity and profiles; `snapshot` takes one JPEG. The agent picks
 * pending requests up from `GET /api/agent/camera-requests` (every few seconds
 * while the Cameras page is open or a request waits) and answers each.
 */
export interface CameraRequest {
  readonly tenantId: string;
  readonly id: string;
  readonly agentId: string;
  readonly kind: 'probe' | 'snapshot';
  readonly requestedAt: string;
  /** A probe: where and as whom to connect (the password sealed with probeSecretContext(tenant, id)). */
  readonly target: { readonly host: string; readonly port: number; readonly username: string; readonly password: SealedSecret } | null;
  /** A snapshot before adding: the probe whose target and credentials to use, and the profile. */
  readonly probeId: string | null;
  /** A snapshot of an added camera (its own address, credentials and profile). */
  readonly cameraId: string | null;
  readonly profileToken: string | null;
  readonly answer: CameraRequestAnswer | null;
}

export type CameraRequestAnswer =
  | { readonly at: string; readonly ok: true; readonly manufacturer: string; readonly model: string; readonly profiles: readonly CameraProfile[] }
  | { readonly at: string; readonly ok: true; readonly snapshotKey: string }
  | { readonly at: string; readonly ok: false; readonly reason: CameraFailureReason; readonly message: string };

export const cameraFailureReasons = ['wrong_password', 'unreachable', 'not_onvif', 'device_error'] as const;
export type CameraFailureReason = (typeof cameraFailureReasons)[number];

/** Requests older than this are not handed to the agent any more (the web app has said the agent did not answer). */
export const CAMERA_REQUEST_TTL_MS = 5 * 60_000;
/** The web app tells the user the agent did not answer after this long. */
export const CAMERA_REQUEST_PATIENCE_MS = 60_000;
/** The Cameras page counts as open this long after its last load: meanwhile agents ask for requests often. */
export const CAMERAS_INTEREST_MS = 3 * 60_000;
/** How often an agent asks for requests while someone is on the Cameras page or a request waits, and otherwise. */
export const QUICK_POLL_SECONDS = 3;
export const IDLE_POLL_SECONDS = 30;

/** A snapshot is at most this large (base64 of a JPEG). */
const MAX_SNAPSHOT_BASE64 = 4_000_000;

const profileSchema = z.strictObject({
  token: z.string().min(1).max(64),
  name: z.string().max(100),
  encoding: z.string().max(40),
  width: z.number().int().min(1).max(20_000).nullable(),
  height: z.number().int().min(1).max(20_000).nullable(),
  fps: z.number().min(0).max(1_000).nullable(),
  rtspUrl: z
    .string()
    .max(2_000)
    .refine((value) => /^rtsps?:\/\/[^/@\s]+(\/|$)/.test(value), 'must be an rtsp:// URL without credentials'),
});

const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a request id');

/** What an agent answers to one request. */
export const cameraRequestAnswerSchema = z.union([
  z.strictObject({ ok: z.literal(true), manufacturer: z.string().max(100), model: z.string().max(100), profiles: z.array(profileSchema).max(32) }),
  z.strictObject({ ok: z.literal(true), snapshot: z.string().min(4).max(MAX_SNAPSHOT_BASE64).regex(/^[A-Za-z0-9+/]+=*$/, 'must be base64') }),
  z.strictObject({ ok: z.literal(false), reason: z.enum(cameraFailureReasons), message: z.string().max(500) }),
]);
export type CameraRequestAnswerBody = z.output<typeof cameraRequestAnswerSchema>;

/** `POST /api/agent/camera-requests/answer`: the request's id beside the answer (a plain path the credential check guards first). */
export const cameraRequestAnswerBodySchema = z.strictObject({ requestId: requestIdSchema, answer: cameraRequestAnswerSchema });

/** A periodic snapshot of an added camera (`POST /api/agent/camera-snapshots`). */
export const cameraSnapshotBodySchema = z.strictObject({ cameraId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a camera id'), snapshot: z.string().min(4).max(MAX_SNAPSHOT_BASE64).regex(/^[A-Za-z0-9+/]+=*$/, 'must be base64') });

/** One request as the agent receives it: the password opened for it alone. */
export interface AgentCameraRequest {
  readonly requestId: string;
  readonly kind: 'probe' | 'snapshot';
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly profileToken: string | null;
}

/** `GET /api/agent/camera-requests`. */
export interface AgentCameraRequestsView {
  readonly requests: readonly AgentCameraRequest[];
  readonly pollAgainSeconds: number;
}

/** True when a JPEG's first bytes are there (SOI marker). */
export function looksLikeJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8;
}
