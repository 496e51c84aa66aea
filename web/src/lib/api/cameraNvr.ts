import { request } from './client';
import type { SiteCamera } from './types';

/** The NVR a camera's recordings are pulled from, as sent; no password keeps the saved one (same address). */
export interface CameraNvrInput {
  readonly address: string;
  readonly username: string;
  readonly password?: string;
  /** A number; text the user typed that is none goes as it is, so the API names the field. */
  readonly channel: number | string;
}

/** Sets (or with null removes) the NVR of a camera, and whether its footage is recorded live or taken from that NVR. */
export function saveCameraNvr(cameraId: string, nvr: CameraNvrInput | null, capture: SiteCamera['capture']): Promise<SiteCamera> {
  return request<SiteCamera>('PATCH', `/cameras/${encodeURIComponent(cameraId)}`, { body: { nvr, capture } });
}
