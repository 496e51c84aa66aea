import type { ProviderEntry } from './providerEntry';

/** Extensions cameras and NVRs write; a file with one of these is taken whatever its mime type says. */
const VIDEO_EXTENSIONS = new Set(['mp4', 'm4v', 'mov', 'mkv', 'avi', 'ts', 'mts', 'm2ts', 'webm', 'flv', 'wmv', 'mpg', 'mpeg', '3gp', 'h264', 'h265', 'hevc', 'dav', 'asf']);

/**
 * Why a file is not taken, as a code a client words in its own language:
 * `google_document` (a Google Docs, Sheets… file; `detail` its kind),
 * `not_video` (`detail` its mime type, null when unknown), and for local
 * folders `temporary` (a copy in progress, system clutter) and `empty` (0 bytes).
 */
export const fileSkipCodes = ['google_document', 'not_video', 'temporary', 'empty'] as const;
export type FileSkipCode = (typeof fileSkipCodes)[number];

export type VideoFilterVerdict =
  | { readonly take: true }
  | { readonly take: false; readonly code: FileSkipCode; readonly detail: string | null; /** In English, for people and logs. */ readonly reason: string };

/**
 * Decides whether a provider file is footage to transfer. Google Docs and other
 * provider-native documents have no bytes to download; anything else must look
 * like a video by mime type or extension. The reason is shown to the tenant.
 */
export function videoFileVerdict(entry: Pick<ProviderEntry, 'name' | 'mimeType' | 'size'>): VideoFilterVerdict {
  if (entry.mimeType.startsWith('application/vnd.google-apps.')) {
    const kind = entry.mimeType.slice('application/vnd.google-apps.'.length);
    return { take: false, code: 'google_document', detail: kind, reason: `a Google Drive ${kind} (not a video file)` };
  }
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(entry.name)?.[1]?.toLowerCase();
  if (entry.mimeType.startsWith('video/') || (extension !== undefined && VIDEO_EXTENSIONS.has(extension))) return { take: true };
  return { take: false, code: 'not_video', detail: entry.mimeType || null, reason: `not a video file (${entry.mimeType || 'unknown type'})` };
}
