import type { Clock } from '../ports/clock';
import type { FootageCleaner } from '../ports/footageCleaner';
import type { RunRepository } from '../ports/runRepository';
import type { SourceRepository } from '../ports/sourceRepository';
import type { TrackedFileRepository } from '../ports/trackedFileRepository';
import { finishRun } from './finishRun';

export interface CloseDeadRunDeps {
  readonly sources: SourceRepository;
  readonly runs: RunRepository;
  readonly trackedFiles: TrackedFileRepository;
  readonly footage: FootageCleaner;
  readonly clock: Clock;
}

export interface DeadRun {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly runId: string;
}

const PAGE = 200;

/**
 * Closes a run whose execution ended without reaching FinishRun (a crash, a
 * timeout, an execution stopped by hand, a FinishRun that kept failing): the
 * run is recorded as failed with `reason`, the source's claim is released and
 * the next sync scheduled (finishRun); the files it held are let go at once so
 * the next run need not wait out their leases; its manifests are removed.
 *
 * Uploads the run had started stay: each is named by its file's checkpoint
 * (the transfer records every upload before it uses it), and the next run
 * resumes it from the last confirmed part rather than reading the file again.
 * A claim that never became a run (the dispatcher died between claiming and
 * starting) is simply released, due at once.
 */
export async function closeDeadRun(deps: CloseDeadRunDeps, dead: DeadRun, reason: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  const run = await deps.runs.get(dead.tenantId, dead.sourceId, dead.runId);
  if (run === null) {
    await deps.sources.release(dead.tenantId, dead.sourceId, dead.runId, { status: 'idle', statusMessage: null, statusMessageCode: null, nextSyncAt: now, lastSyncAt: now });
  } else {
    await finishRun(deps, dead, { status: 'failed', filesDone: 0, filesFailed: 0, filesSkipped: 0, bytes: 0, error: reason, errorCode: 'run_interrupted' });
  }
  await releaseFilesOf(deps.trackedFiles, dead, now);
  await deps.footage.deletePrefix(`${dead.tenantId}/${dead.sourceId}/_runs/${dead.runId}/`);
}

async function releaseFilesOf(files: TrackedFileRepository, dead: DeadRun, now: string): Promise<void> {
  let pageToken: string | null = null;
  do {
    const page = await files.listByStatus(dead.tenantId, dead.sourceId, 'transferring', { limit: PAGE, pageToken });
    // The claim is conditional on this run holding it: another run's files are left alone.
    for (const row of page.items) {
      await files.releaseClaim({ tenantId: row.tenantId, sourceId: row.sourceId, providerFileId: row.providerFileId }, dead.runId, now);
    }
    pageToken = page.nextPageToken;
  } while (pageToken !== null);
}
