import { request } from './client';
import type { KeepFlagView, StorageView } from './types';

/** Retention, 90 days of usage, the month's cost and savings, re-tagging progress and the alert. */
export function getStorage(signal?: AbortSignal): Promise<StorageView> {
  return request<StorageView>('GET', '/storage', { signal });
}

/** Changes retention (tenant or per source, `null` for a source to follow the shop again) or the alert. */
export function updateStorage(body: Record<string, unknown>): Promise<StorageView> {
  return request<StorageView>('PATCH', '/storage', { body });
}

export function getKeep(eventId: string, signal?: AbortSignal): Promise<KeepFlagView> {
  return request<KeepFlagView>('GET', `/events/${encodeURIComponent(eventId)}/keep`, { signal });
}

export function setKeep(eventId: string, keep: boolean): Promise<KeepFlagView> {
  return request<KeepFlagView>('PUT', `/events/${encodeURIComponent(eventId)}/keep`, { body: { keep } });
}
