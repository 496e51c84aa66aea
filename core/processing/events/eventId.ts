import type { ProcessingEvent } from '../types/processingEvent';

/**
 * Deterministic id (camera, start, first code) so re-processing the same footage
 * writes the same keys and clip names instead of duplicates. Safe as a file name.
 */
export function eventId(event: Pick<ProcessingEvent, 'camera' | 'startMs' | 'trackingCodes'>): string {
  const stamp = new Date(event.startMs).toISOString().replace(/[-:]/g, '').replace(/\.(\d{3})Z$/, '$1Z');
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${safe(event.camera)}_${stamp}_${safe(event.trackingCodes[0] ?? 'none')}`;
}
