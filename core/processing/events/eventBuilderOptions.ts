import { ValidationError } from '../../errors';

export interface EventBuilderOptions {
  /** Sightings of one code at most this far apart belong to one visit (covers hands over the label, missed reads). */
  readonly gapToleranceSec: number;
  /** A visit needs this many reads to count; raise it when the footage makes false reads likely. */
  readonly minDetections: number;
  /** Events shorter than this (end - start) are glimpses, not packing, and are dropped. */
  readonly minPackingSec: number;
  /** Events are cut at start + this and flagged `truncated` (a label left lying in view). */
  readonly maxPackingSec: number;
  /** Seconds of footage shown before the first sighting and after the end. */
  readonly preBufferSec: number;
  readonly postBufferSec: number;
  /** Different codes in view together at least this long (or half the shorter visit) are one order. */
  readonly mergeOverlapSec: number;
  /**
   * `lastSeen`: packing ends when the code leaves the view (stations that keep the
   * label in view). `nextCode`: it lasts until the next order's code appears (stations
   * that scan the label first, then pack), or until the footage or the maximum ends.
   */
  readonly endAt: 'lastSeen' | 'nextCode';
}

export const defaultEventBuilderOptions: EventBuilderOptions = {
  gapToleranceSec: 3,
  minDetections: 1,
  minPackingSec: 0,
  maxPackingSec: 600,
  preBufferSec: 2,
  postBufferSec: 2,
  mergeOverlapSec: 1,
  endAt: 'lastSeen',
};

/** Fills defaults and rejects nonsense (negative times, min above max) with the field's name. */
export function resolveEventBuilderOptions(partial: Partial<EventBuilderOptions> = {}): EventBuilderOptions {
  const options = { ...defaultEventBuilderOptions, ...withoutUndefined(partial) };
  const nonNegative = ['gapToleranceSec', 'minPackingSec', 'maxPackingSec', 'preBufferSec', 'postBufferSec', 'mergeOverlapSec'] as const;
  for (const field of nonNegative) {
    const value = options[field];
    if (!Number.isFinite(value) || value < 0) throw new ValidationError(field, `${field} must be a number >= 0, got ${value}`);
  }
  if (!Number.isInteger(options.minDetections) || options.minDetections < 1) {
    throw new ValidationError('minDetections', `minDetections must be an integer >= 1, got ${options.minDetections}`);
  }
  if (options.maxPackingSec <= 0 || options.minPackingSec > options.maxPackingSec) {
    throw new ValidationError('maxPackingSec', `maxPackingSec must be > 0 and >= minPackingSec (${options.minPackingSec})`);
  }
  if (options.endAt !== 'lastSeen' && options.endAt !== 'nextCode') {
    throw new ValidationError('endAt', `endAt must be "lastSeen" or "nextCode", got ${String(options.endAt)}`);
  }
  return options;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
