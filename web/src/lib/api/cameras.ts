import { request } from './client';
import type { CamerasView } from './types';

/** What the tenant's agents record (with health) and found on their networks. */
export function listCameras(signal?: AbortSignal): Promise<CamerasView> {
  return request<CamerasView>('GET', '/cameras', { signal });
}
