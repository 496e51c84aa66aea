import type { Visit } from './groupVisits';

/**
 * Joins visits of different codes that were in view together into one order
 * (a multi-parcel order, or a label plus a second label on the same box). Two
 * visits join when they overlap for `mergeOverlapMs`, or for half of the shorter
 * one, so a code read only on a few frames while another was in view still joins,
 * but a label swap (A leaves as B arrives) does not. Joining is transitive.
 * Input must be sorted by first sighting; clusters come out in that order.
 */
export function clusterVisits(visits: readonly Visit[], mergeOverlapMs: number): Visit[][] {
  const clusters: { visits: Visit[]; lastMs: number }[] = [];
  let active: { visits: Visit[]; lastMs: number }[] = [];
  for (const visit of visits) {
    active = active.filter((c) => c.lastMs >= visit.firstMs);
    const joined = active.filter((c) => c.visits.some((other) => together(other, visit, mergeOverlapMs)));
    if (joined.length === 0) {
      const cluster = { visits: [visit], lastMs: visit.lastMs };
      clusters.push(cluster);
      active.push(cluster);
      continue;
    }
    const [target, ...rest] = joined as [(typeof joined)[number], ...typeof joined];
    target.visits.push(visit);
    target.lastMs = Math.max(target.lastMs, visit.lastMs);
    for (const other of rest) {
      target.visits.push(...other.visits);
      target.lastMs = Math.max(target.lastMs, other.lastMs);
      other.visits = [];
    }
    active = active.filter((c) => c.visits.length > 0);
  }
  return clusters.filter((c) => c.visits.length > 0).map((c) => c.visits.sort((a, b) => a.firstMs - b.firstMs));
}

function together(a: Visit, b: Visit, mergeOverlapMs: number): boolean {
  if (a.code === b.code) return false;
  const overlap = Math.min(a.lastMs, b.lastMs) - Math.max(a.firstMs, b.firstMs);
  if (overlap < 0) return false;
  const shorter = Math.min(a.lastMs - a.firstMs, b.lastMs - b.firstMs);
  return overlap >= Math.min(mergeOverlapMs, shorter / 2);
}
