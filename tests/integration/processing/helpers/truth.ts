import { readFileSync } from 'node:fs';

export interface TruthOrder {
  readonly code: string;
  readonly symbology: string;
  readonly startAt: string;
  readonly endAt: string;
  readonly files: readonly string[];
}

export interface Truth {
  readonly camera: string;
  readonly utcOffset: string;
  readonly files: readonly { name: string; startAt: string }[];
  readonly orders: readonly TruthOrder[];
}

export const readTruth = (path: string): Truth => JSON.parse(readFileSync(path, 'utf8')) as Truth;

export interface EventLike {
  readonly trackingCodes: readonly string[];
  readonly start: string;
  readonly end: string;
}

/**
 * Compares events with ground truth the way the issue states accuracy: every
 * truth code found, no code outside the truth, each event's start and end within
 * `toleranceSec` of the truth (for a multi-code event: the earliest start and the
 * latest end of its codes). Returns human-readable problems; empty means exact.
 */
export function compareWithTruth(events: readonly EventLike[], orders: readonly TruthOrder[], toleranceSec = 1): string[] {
  const problems: string[] = [];
  const truthCodes = new Set(orders.map((o) => o.code));
  for (const o of orders) {
    if (!events.some((e) => e.trackingCodes.includes(o.code))) problems.push(`missing ${o.code} (${o.symbology})`);
  }
  for (const e of events) {
    const extra = e.trackingCodes.filter((c) => !truthCodes.has(c));
    if (extra.length) problems.push(`not in truth: ${extra.join(',')}`);
    const own = orders.filter((o) => e.trackingCodes.includes(o.code) && overlaps(o, e));
    if (own.length === 0) continue;
    const start = Math.min(...own.map((o) => Date.parse(o.startAt)));
    const end = Math.max(...own.map((o) => Date.parse(o.endAt)));
    const ds = (Date.parse(e.start) - start) / 1000;
    const de = (Date.parse(e.end) - end) / 1000;
    if (Math.abs(ds) > toleranceSec || Math.abs(de) > toleranceSec) {
      problems.push(`${e.trackingCodes.join('+')}: start off by ${ds.toFixed(2)} s, end off by ${de.toFixed(2)} s`);
    }
  }
  return problems;
}

function overlaps(o: TruthOrder, e: EventLike): boolean {
  return Date.parse(o.startAt) <= Date.parse(e.end) + 2000 && Date.parse(e.start) - 2000 <= Date.parse(o.endAt);
}
