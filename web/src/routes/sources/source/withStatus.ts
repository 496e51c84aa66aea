import type { Source, SourceStatusView } from '../../../lib/api/types';

/**
 * The source as last read in full, with the live fields of the latest status
 * poll laid over it. While a run goes on, its files so far are the status's
 * live counts (the run record itself is only counted at its end).
 */
export function withStatus(source: Source, status: SourceStatusView | null): Source {
  if (status === null) return source;
  const run = status.lastRun;
  const progress = status.progress;
  const lastRun = run !== null && run.status === 'running' && progress !== null && progress.runId === run.id
    ? { ...run, filesDone: progress.filesStored, filesFailed: progress.filesFailed }
    : run;
  return {
    ...source,
    status: status.status,
    statusMessage: status.statusMessage,
    statusMessageCode: status.statusMessageCode,
    nextSyncAt: status.nextSyncAt,
    lastSyncAt: status.lastSyncAt,
    totals: status.totals,
    lastRun,
    deletion: status.deletion,
  };
}
