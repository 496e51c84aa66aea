import type { RunProgressView, SourceAgentView, SourceStatusView } from '../api/sourcesApi';
import type { SyncRun } from '../sync/syncRun';
import type { TrackedFile } from '../sync/trackedFile';
import type { Source } from './source';
import { sourceMessageCodeOf } from '../sync/runErrorCodes';
import { toRunView } from './sourceView';

/** Files shown moving at most; a run moves a few at a time. */
export const MOVING_SHOWN = 20;

/**
 * The source page's one poll: status, totals that grow while a run stores
 * files, and the running run's phase and progress, all counted on the server
 * (the run's live counters and the files in transfer), never from a page of
 * the files list. `failed`: this run's failed files and their sizes, from the files.
 * `agent`: the edge agent of a local folder or camera source (toSourceAgentView).
 */
export function toSourceStatusView(
  source: Source,
  lastRun: SyncRun | null,
  transferring: readonly TrackedFile[],
  failed: { readonly files: number; readonly bytes: number } = { files: 0, bytes: 0 },
  agent: SourceAgentView | null = null,
): SourceStatusView {
  const running = lastRun !== null && lastRun.status === 'running' ? lastRun : null;
  // The run's outcome is recorded before its claim is given back: still its claim, it is finishing.
  const finishingRun = running === null && lastRun !== null && source.status === 'syncing' && source.claim?.runId === lastRun.id ? lastRun : null;
  const progress =
    running !== null
      ? runProgress(running, transferring, failed)
      : finishingRun !== null
        ? { ...runProgress(finishingRun, [], failed), phase: 'finishing' as const }
        : source.status === 'syncing'
          ? starting()
          : null;
  return {
    status: source.status,
    statusMessage: source.statusMessage,
    statusMessageCode: sourceMessageCodeOf(source),
    nextSyncAt: source.nextSyncAt,
    lastSyncAt: source.lastSyncAt,
    // A run's files join the source's totals when it gives the claim back; until then they are added here.
    totals: {
      files: source.totals.files + ((running ?? finishingRun)?.progress?.storedFiles ?? 0),
      bytes: source.totals.bytes + ((running ?? finishingRun)?.progress?.storedBytes ?? 0),
    },
    lastRun: lastRun === null ? null : toRunView(lastRun),
    progress,
    deletion: source.deletion ?? null,
    agent,
  };
}

function starting(): RunProgressView {
  return { runId: null, phase: 'starting', planned: null, filesStored: 0, filesFailed: 0, bytesDone: 0, moving: [] };
}

function runProgress(run: SyncRun, transferring: readonly TrackedFile[], failed: { readonly files: number; readonly bytes: number }): RunProgressView {
  const counted = { storedFiles: 0, storedBytes: 0, ...run.progress, failedFiles: failed.files, failedBytes: failed.bytes };
  // A lapsed claim of an earlier run is not this run's work.
  const moving = transferring
    .filter((file) => file.runId === run.id)
    .slice(0, MOVING_SHOWN)
    .map((file) => ({ providerFileId: file.providerFileId, relativePath: file.relativePath, size: file.size, bytesTransferred: file.bytesTransferred }));
  const settled = counted.storedFiles + counted.failedFiles;
  const planned = run.planned ?? null;
  const phase = planned === null ? 'listing' : settled >= planned.files && moving.length === 0 ? 'finishing' : 'transferring';
  const movingBytes = moving.reduce((sum, file) => sum + Math.min(file.bytesTransferred, file.size ?? file.bytesTransferred), 0);
  const settledBytes = counted.storedBytes + counted.failedBytes;
  return {
    runId: run.id,
    phase,
    planned: planned === null ? null : { files: planned.files, bytes: planned.bytes },
    filesStored: counted.storedFiles,
    filesFailed: counted.failedFiles,
    bytesDone: planned === null ? settledBytes + movingBytes : Math.min(planned.bytes, settledBytes + movingBytes),
    moving,
  };
}
