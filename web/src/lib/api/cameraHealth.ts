import { request } from './client';
import type { CameraHealthAlert, CameraHealthHistoryView, CamerasHealthView } from './types';

/** Every camera's health now (recorded, Drive and local-folder cameras) and the sign-in alerts. */
export function getCamerasHealth(signal?: AbortSignal): Promise<CamerasHealthView> {
  return request<CamerasHealthView>('GET', '/cameras/health', { signal });
}

/** One camera's changes of health in the last 30 days, newest first. */
export function getCameraHealthHistory(cameraKey: string, signal?: AbortSignal): Promise<CameraHealthHistoryView> {
  return request<CameraHealthHistoryView>('GET', `/cameras/health/history?camera=${encodeURIComponent(cameraKey)}`, { signal });
}

/** Hides one alert's incident (that camera, that problem) on every device of the tenant until the problem begins again. */
export function dismissCameraAlert(alert: Pick<CameraHealthAlert, 'cameraKey' | 'problem' | 'since'>): Promise<unknown> {
  return request<unknown>('POST', '/cameras/health/dismissals', { body: { camera: alert.cameraKey, kind: alert.problem.kind, since: alert.since } });
}
