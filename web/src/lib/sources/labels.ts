import type { SourceStatus, SourceType } from '../api/types';

export const SOURCE_TYPES: ReadonlyArray<{ value: SourceType; label: string; hint: string }> = [
  { value: 'google_drive', label: 'Google Drive', hint: 'Folders in your Google Drive or a shared drive.' },
  { value: 'onvif', label: 'Camera (ONVIF)', hint: 'An IP camera or NVR. Needs an edge agent on site.' },
  { value: 'local', label: 'Local folder', hint: 'A folder or NAS share. Needs an edge agent on site.' },
];

export function sourceTypeLabel(type: SourceType): string {
  return SOURCE_TYPES.find((entry) => entry.value === type)?.label ?? type;
}

export type StatusTone = 'ok' | 'info' | 'neutral' | 'warn' | 'danger';

export const STATUS: Record<SourceStatus, { label: string; tone: StatusTone }> = {
  idle: { label: 'Idle', tone: 'ok' },
  syncing: { label: 'Syncing', tone: 'info' },
  paused: { label: 'Paused', tone: 'neutral' },
  needs_reauth: { label: 'Reconnect needed', tone: 'warn' },
  error: { label: 'Error', tone: 'danger' },
  deleting: { label: 'Deleting…', tone: 'neutral' },
};

export function statusOf(status: SourceStatus): { label: string; tone: StatusTone } {
  // An unknown status from a newer server still renders, as plain text.
  return STATUS[status] ?? { label: status, tone: 'neutral' };
}
