import { runResultOf, type SyncRun } from '../sync/syncRun';
import type { RunView, SourceView } from '../api/sourcesApi';
import type { Source } from './source';
import { runErrorCodeOf, sourceMessageCodeOf } from '../sync/runErrorCodes';

/** A run as the API shows it: no tenant or source ids repeated. */
export function toRunView(run: SyncRun): RunView {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    outcome: runResultOf(run),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    filesDone: run.filesDone,
    filesFailed: run.filesFailed,
    filesSkipped: run.filesSkipped,
    bytes: run.bytes,
    durationMs: run.durationMs,
    error: run.error,
    errorCode: runErrorCodeOf(run),
    processing: run.processing ?? null,
  };
}

/** A source as the API shows it: claim internals and the tenant id stay inside. */
export function toSourceView(source: Source, lastRun: SyncRun | null): SourceView {
  return {
    id: source.id,
    type: source.type,
    name: source.name,
    intervalMinutes: source.intervalMinutes,
    config: source.config,
    status: source.status,
    statusMessage: source.statusMessage,
    statusMessageCode: sourceMessageCodeOf(source),
    // A source being deleted is kept due only so the dispatcher continues the deletion: no sync is scheduled.
    nextSyncAt: source.status === 'deleting' ? null : source.nextSyncAt,
    lastSyncAt: source.lastSyncAt,
    lastRun: lastRun === null ? null : toRunView(lastRun),
    totals: source.totals,
    deletion: source.deletion ?? null,
    createdAt: source.createdAt,
    updatedAt: source.updatedAt,
  };
}
