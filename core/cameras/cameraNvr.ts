import { z } from 'zod';
import type { CameraCapture } from '../edge/agentCameraSchema';
import { ValidationError } from '../errors';
import type { SealedSecret, SecretSealer } from '../ports/secretSealer';
import { cameraAddressSchema } from './cameraAddressSchema';

/**
 * The NVR that holds a camera's recordings when they are not pulled from the
 * camera itself: its own address and credentials (the password sealed like
 * the camera's, bound to tenant, camera and `nvr`), and the camera's channel
 * on it. Null: recordings are pulled from the camera's own address.
 */
export interface SiteCameraNvr {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: SealedSecret;
  readonly channel: number;
}

/** What the API shows of it (never the password). */
export interface CameraNvrView {
  readonly address: string;
  readonly username: string;
  readonly channel: number;
}

/**
 * `nvr` in `PATCH /api/cameras/{cameraId}`: null removes it. The password may
 * be left out to keep the stored one (same NVR address).
 */
export const cameraNvrInputSchema = z
  .strictObject({
    address: z.string().trim().min(1, 'type the NVR’s address, such as 192.168.1.10 or 192.168.1.10:8000').pipe(cameraAddressSchema),
    username: z.string().max(64, 'must be at most 64 characters'),
    password: z.string().max(128, 'must be at most 128 characters').optional(),
    channel: z.number({ error: 'must be a channel number such as 2' }).int('must be a whole number').min(1, 'channels start at 1').max(256, 'must be at most 256'),
  })
  .nullable();

export type CameraNvrInput = z.output<typeof cameraNvrInputSchema>;

/** What an NVR's sealed password is bound to: it opens for this tenant, camera and role only. */
export const nvrSecretContext = (tenantId: string, cameraId: string) => ({ tenantId, cameraId, purpose: 'camera-credentials', device: 'nvr' });

const hostPort = (host: string, port: number) => `${host.includes(':') ? `[${host}]` : host}:${port}`;

export const cameraNvrView = (nvr: SiteCameraNvr | null | undefined): CameraNvrView | null =>
  nvr === null || nvr === undefined ? null : { address: hostPort(nvr.host, nvr.port), username: nvr.username, channel: nvr.channel };

/** The NVR to store after an edit: sealed anew when a password is given; the stored password is kept only for the same address. */
export async function nvrFromInput(sealer: SecretSealer, tenantId: string, cameraId: string, current: SiteCameraNvr | null | undefined, input: CameraNvrInput): Promise<SiteCameraNvr | null> {
  if (input === null) return null;
  const { host, port } = input.address;
  if (input.password !== undefined) return { host, port, username: input.username, channel: input.channel, password: await sealer.seal(input.password, nvrSecretContext(tenantId, cameraId)) };
  if (current === null || current === undefined || current.host !== host || current.port !== port) throw new ValidationError('nvr.password', 'nvr.password: type the NVR’s password');
  return { host, port, username: input.username, channel: input.channel, password: current.password };
}

/** A camera whose footage is taken from the NVR needs one: refused naming `field` (the one the user changed) otherwise. */
export function checkCaptureHasNvr(capture: CameraCapture, nvr: object | null | undefined, field: 'capture' | 'nvr'): void {
  if (capture !== 'nvr' || (nvr !== null && nvr !== undefined)) return;
  throw new ValidationError(
    field,
    field === 'capture'
      ? 'capture: taking footage from the NVR needs the NVR: give nvr (its address, user name, password and the camera’s channel)'
      : 'nvr: this camera takes its footage from the NVR; choose capture live (record from the camera) before removing the NVR',
  );
}
