import type { SyncRun } from '../sync/syncRun';
import type { Source } from './source';

/** A run as the API shows it: no tenant or source ids repeated. */
export interface RunView {
  readonly id: string;
  readonly trigger: SyncRun['trigger'];
  readonly status: SyncRun['status'];
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly filesDone: number;
  readonly filesFailed: number;
  readonly filesSkipped: number;
  readonly bytes: number;
  readonly durationMs: number | null;
  readonly error: string | null;
}

/** A source as the API shows it: claim internals and the tenant id stay inside. */
export interface SourceView {
  readonly id: string;
  readonly type: Source['type'];
  readonly name: string;
  readonly intervalMinutes: number;
  readonly config: Source['config'];
  readonly status: Source['status'];
  readonly statusMessage: string | null;
  readonly nextSyncAt: string | null;
  readonly lastSyncAt: string | null;
  readonly lastRun: RunView | null;
  readonly totals: { readonly files: number; readonly bytes: number };
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toRunView(run: SyncRun): RunView {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    filesDone: run.filesDone,
    filesFailed: run.filesFailed,
    filesSkipped: run.filesSkipped,
    bytes: run.bytes,
    durationMs: run.durationMs,
    error: run.error,
  };
}

export function toSourceView(source: Source, lastRun: SyncRun | null): SourceView {
  return {
    id: source.id,
    type: source.type,
    name: source.name,
    intervalMinutes: source.intervalMinutes,
    config: source.config,
    status: source.status,
    statusMessage: source.statusMessage,
    nextSyncAt: source.nextSyncAt,
    lastSyncAt: source.lastSyncAt,
    lastRun: lastRun === null ? null : toRunView(lastRun),
    totals: source.totals,
    createdAt: source.createdAt,
    updatedAt: source.updatedAt,
  };
}
