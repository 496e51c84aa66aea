import { displayTimeZone } from '../format/time';
import { request } from './client';
import type { CameraDay as DayTimeline, ClipExport, ClipUrl, CodeSearch, CodeSearchBody, ListOf, ParcelEvent, SharedClip, ShareLink } from './types';

const one = (id: string): string => `/events/${encodeURIComponent(id)}`;
/** The zone this page shows times in: a tenant with no zone set gets file names and day windows in it, so they match the page. */
const zoneParam = (): string => `zone=${encodeURIComponent(displayTimeZone())}`;

export function searchCodes(body: CodeSearchBody, signal?: AbortSignal): Promise<CodeSearch> {
  return request<CodeSearch>('POST', '/events/search', { body, signal });
}

export async function searchPrefix(prefix: string, signal?: AbortSignal): Promise<readonly ParcelEvent[]> {
  return (await request<ListOf<ParcelEvent>>('GET', `/events?prefix=${encodeURIComponent(prefix)}`, { signal })).items;
}

export function clipUrl(id: string, download = false): Promise<ClipUrl> {
  return request<ClipUrl>('GET', `${one(id)}/clip?${download ? 'download=1&' : ''}${zoneParam()}`);
}

export function createShareLink(id: string, days: number, keep = false): Promise<ShareLink> {
  return request<ShareLink>('POST', `${one(id)}/shares`, { body: { days, keep } });
}

export async function listShareLinks(id: string): Promise<readonly ShareLink[]> {
  return (await request<ListOf<ShareLink>>('GET', `${one(id)}/shares`)).items;
}

export function revokeShareLink(id: string, shareId: string): Promise<void> {
  return request<void>('DELETE', `${one(id)}/shares/${encodeURIComponent(shareId)}`);
}

export function exportClips(body: CodeSearchBody): Promise<ClipExport> {
  return request<ClipExport>('POST', `/events/export?${zoneParam()}`, { body });
}

export function cameraDay(sourceId: string, cameraId: string, day: string, signal?: AbortSignal): Promise<DayTimeline> {
  return request<DayTimeline>('GET', `/sources/${encodeURIComponent(sourceId)}/cameras/${encodeURIComponent(cameraId)}/events?day=${day}&${zoneParam()}`, { signal });
}

/** A share link's page, for a visitor without an account. */
export function openSharedClip(token: string, signal?: AbortSignal): Promise<SharedClip> {
  return request<SharedClip>('GET', `/public/shares/${encodeURIComponent(token)}`, { auth: false, signal });
}
