import type { Run, Source, SourceStatus } from '../lib/api/types';

const STATUSES: readonly SourceStatus[] = ['idle', 'syncing', 'paused', 'needs_reauth', 'error'];

/** `count` varied, realistic sources for the list benchmark: every status, runs running, failed and done. */
export function sampleSources(count: number, now = Date.now()): Source[] {
  return Array.from({ length: count }, (_, index) => {
    const status = STATUSES[index % STATUSES.length] ?? 'idle';
    const startedAt = new Date(now - (index + 1) * 60_000).toISOString();
    const lastRun: Run | null =
      index % 7 === 0
        ? null
        : {
            id: `run-${index}`,
            trigger: 'schedule',
            status: status === 'syncing' ? 'running' : status === 'error' ? 'failed' : 'succeeded',
            outcome: status === 'syncing' ? 'running' : status === 'error' ? 'failed' : 'succeeded',
            startedAt,
            finishedAt: status === 'syncing' ? null : new Date(now - index * 60_000).toISOString(),
            filesDone: index * 3,
            filesFailed: status === 'error' ? 2 : 0,
            filesSkipped: 0,
            bytes: index * 1_234_567,
            durationMs: status === 'syncing' ? null : 42_000,
            error: status === 'error' ? 'TransientError: Drive answered 503 three times' : null,
            errorCode: status === 'error' ? 'network' : null,
          };
    return {
      id: `src-${index}`,
      type: index % 3 === 0 ? 'local' : 'google_drive',
      name: `Packing station ${index + 1}`,
      intervalMinutes: 15,
      config: index % 3 === 0 ? { path: `/mnt/nvr/${index}` } : { folderIds: [`folder${index}`] },
      status,
      statusMessage: status === 'needs_reauth' ? 'Google refused the stored access; reconnect Google Drive' : null,
      statusMessageCode: status === 'needs_reauth' ? 'reauth_required' : null,
      nextSyncAt: status === 'paused' ? null : new Date(now + (index % 30) * 60_000).toISOString(),
      lastSyncAt: startedAt,
      lastRun,
      totals: { files: index * 40, bytes: index * 98_765_432 },
      deletion: null,
      createdAt: startedAt,
      updatedAt: startedAt,
    };
  });
}
