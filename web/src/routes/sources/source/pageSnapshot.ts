import type { SourceStatusView, SourceSummary } from '../../../lib/api/types';

/**
 * What one screen of the source page shows side by side must come from one
 * moment: the stored totals, the storage per camera and the files list. The
 * status poll says when something counted changed; the page then reads the
 * source's summary (one answer, counted from the files themselves: the stored
 * totals and every camera's share) and, when files were added or a run started
 * or ended, the files list, and shows them all together.
 */

/** Changes when a run starts or ends: the run history and the failed files reload. */
export function runKeyOf(status: SourceStatusView): string {
  return `${status.lastRun?.id}:${status.lastRun?.status}:${status.status}`;
}

/** Changes when anything the summary counts may have changed: a run's start or end, a file stored or failed, a run's plan. */
export function countsKeyOf(status: SourceStatusView): string {
  const progress = status.progress;
  return `${runKeyOf(status)}:${status.totals.files}:${status.totals.bytes}:${progress?.filesStored}:${progress?.filesFailed}:${progress?.planned?.files}`;
}

/** Files the source tracks, whatever their status: when it changes, the files list is read again. */
export function trackedCount(summary: SourceSummary): number {
  return Object.values(summary.files).reduce((sum, count) => sum + count, 0);
}

/**
 * The stored totals to show beside the summary's cameras: the summary's own,
 * counted in the same read; the status's counters only when the summary could
 * not read every file (its counts are then lower bounds).
 */
export function storedTotals(summary: SourceSummary | null, status: SourceStatusView | null): { files: number; bytes: number } | null {
  if (summary !== null && !summary.truncated) return { files: summary.files.done, bytes: summary.bytesStored };
  return status?.totals ?? null;
}
