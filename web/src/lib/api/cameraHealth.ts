import { request } from './client';
import type { CameraHealthHistoryView, CamerasHealthView } from './types';

/** Every camera's health now (recorded, Drive and local-folder cameras) and the sign-in alerts. */
export function getCamerasHealth(signal?: AbortSignal): Promise<CamerasHealthView> {
  return request<CamerasHealthView>('GET', '/cameras/health', { signal });
}

/** One camera's changes of health in the last 30 days, newest first. */
export function getCameraHealthHistory(cameraKey: string, signal?: AbortSignal): Promise<CameraHealthHistoryView> {
  return request<CameraHealthHistoryView>('GET', `/cameras/health/history?camera=${encodeURIComponent(cameraKey)}`, { signal });
}
