import type { SourceStatus, SourceType } from '../api/types';
import { m } from '../../paraglide/messages.js';

/** Labels are functions: they are read in the language chosen at the time they are shown. */
export const SOURCE_TYPES: ReadonlyArray<{ value: SourceType; label: () => string; hint: () => string }> = [
  { value: 'google_drive', label: m.type_google_drive, hint: m.type_google_drive_hint },
  { value: 'onvif', label: m.type_onvif, hint: m.type_onvif_hint },
  { value: 'local', label: m.type_local, hint: m.type_local_hint },
];

export function sourceTypeLabel(type: SourceType): string {
  return SOURCE_TYPES.find((entry) => entry.value === type)?.label() ?? type;
}

export type StatusTone = 'ok' | 'info' | 'neutral' | 'warn' | 'danger';

export const STATUS: Record<SourceStatus, { label: () => string; tone: StatusTone }> = {
  idle: { label: m.status_idle, tone: 'ok' },
  syncing: { label: m.status_syncing, tone: 'info' },
  paused: { label: m.status_paused, tone: 'neutral' },
  needs_reauth: { label: m.status_needs_reauth, tone: 'warn' },
  error: { label: m.status_error, tone: 'danger' },
  deleting: { label: m.status_deleting, tone: 'neutral' },
};

export function statusOf(status: SourceStatus): { label: string; tone: StatusTone } {
  const known = STATUS[status];
  // An unknown status from a newer server still renders, as plain text.
  return known ? { label: known.label(), tone: known.tone } : { label: status, tone: 'neutral' };
}
