import { ValidationError } from '../errors';
import { CODE_SHARD_LENGTH } from '../keys/tableKeys';
import type { CameraWindow } from '../ports/eventRepository';
import type { ParcelEvent } from './parcelEvent';
import { normalizeTrackingCode } from './normalizeTrackingCode';

/** `YYYY-MM-DDTHH:mm:ss.sssZ`: the one ISO form stored, so sort keys order by time. */
export function isCanonicalIso(value: string): boolean {
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).toISOString() === value;
}

/**
 * What every EventRepository checks before `replaceWindow` writes anything: a
 * sane window, and events that belong to it (same tenant, source and camera,
 * start inside it), with canonical times, normalised codes and unique ids.
 * Throws a ValidationError naming the field; nothing is written then.
 */
export function checkEventsForWindow(window: CameraWindow, events: readonly ParcelEvent[]): void {
  checkCameraWindow(window);
  const ids = new Set<string>();
  events.forEach((event, i) => {
    const at = `events.${i}`;
    for (const field of ['tenantId', 'sourceId', 'cameraId'] as const) {
      if (event[field] !== window[field]) throw new ValidationError(`${at}.${field}`, `event ${event.id} is not of the window's ${field}`);
    }
    if (!/^[A-Za-z0-9._-]{1,400}$/.test(event.id)) throw new ValidationError(`${at}.id`, 'an event id holds only letters, digits, dot, dash and underscore');
    if (ids.has(event.id)) throw new ValidationError(`${at}.id`, `event id ${event.id} appears twice`);
    ids.add(event.id);
    for (const field of ['start', 'end', 'clipStart', 'clipEnd'] as const) {
      if (!isCanonicalIso(event[field])) throw new ValidationError(`${at}.${field}`, 'must be an ISO UTC time such as 2025-07-18T02:30:00.000Z');
    }
    if (event.start < window.from || event.start >= window.to) throw new ValidationError(`${at}.start`, `event ${event.id} starts outside the window`);
    if (event.trackingCodes.length === 0) throw new ValidationError(`${at}.trackingCodes`, 'an event has at least one tracking code');
    event.trackingCodes.forEach((code, j) => {
      if (code === '' || normalizeTrackingCode(code) !== code) throw new ValidationError(`${at}.trackingCodes.${j}`, 'tracking codes are stored normalised (normalizeTrackingCode)');
      if (code.length > 200) throw new ValidationError(`${at}.trackingCodes.${j}`, 'a tracking code is at most 200 characters');
    });
    if (new Set(event.trackingCodes).size !== event.trackingCodes.length) throw new ValidationError(`${at}.trackingCodes`, 'a code appears twice');
  });
}

/** A window names one camera of one source of one tenant and a time span of canonical ISO times. */
export function checkCameraWindow(window: CameraWindow): void {
  for (const field of ['tenantId', 'sourceId', 'cameraId'] as const) {
    if (window[field] === '' || window[field].includes('#')) throw new ValidationError(`window.${field}`, `${field} must be non-empty and hold no '#'`);
  }
  if (!isCanonicalIso(window.from)) throw new ValidationError('window.from', 'must be an ISO UTC time such as 2025-07-18T02:30:00.000Z');
  if (!isCanonicalIso(window.to)) throw new ValidationError('window.to', 'must be an ISO UTC time such as 2025-07-18T02:30:00.000Z');
  if (window.to <= window.from) throw new ValidationError('window.to', 'must be after window.from');
}

/** Newest first, then by id, so equal starts order the same everywhere. */
export function newestFirst(a: ParcelEvent, b: ParcelEvent): number {
  return a.start < b.start ? 1 : a.start > b.start ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Shortest prefix `findByCodePrefix` accepts. */
export const MIN_CODE_PREFIX = CODE_SHARD_LENGTH;

/** Most events one read returns. */
export const MAX_EVENTS_PER_READ = 1000;

export function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EVENTS_PER_READ) throw new ValidationError('limit', `must be a whole number from 1 to ${MAX_EVENTS_PER_READ}`);
}
