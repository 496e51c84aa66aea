import type { Detection } from '../types/detection';

/** One continuous stretch in which one code was in view. */
export interface Visit {
  readonly code: string;
  readonly firstMs: number;
  readonly lastMs: number;
  readonly detections: readonly Detection[];
}

/**
 * Splits each code's sightings into visits: a gap longer than the tolerance means
 * the label left and came back (the same parcel re-opened, or a re-used label),
 * which is a new visit. Output is ordered by first sighting.
 */
export function groupVisits(detections: readonly Detection[], gapToleranceMs: number): Visit[] {
  const byCode = new Map<string, Detection[]>();
  for (const d of detections) {
    const list = byCode.get(d.code);
    if (list) list.push(d);
    else byCode.set(d.code, [d]);
  }
  const visits: Visit[] = [];
  for (const [code, list] of byCode) {
    list.sort((a, b) => a.atMs - b.atMs);
    let current: Detection[] = [];
    for (const d of list) {
      const last = current.at(-1);
      if (last && d.atMs - last.atMs > gapToleranceMs) {
        visits.push(toVisit(code, current));
        current = [];
      }
      current.push(d);
    }
    if (current.length > 0) visits.push(toVisit(code, current));
  }
  return visits.sort((a, b) => a.firstMs - b.firstMs || a.code.localeCompare(b.code));
}

function toVisit(code: string, detections: Detection[]): Visit {
  return { code, firstMs: detections[0]!.atMs, lastMs: detections.at(-1)!.atMs, detections };
}
