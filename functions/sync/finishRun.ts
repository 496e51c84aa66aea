import { NotFoundError } from '../../core/errors';
import { stopSourcesOfConnection } from '../../core/google/stopSourcesOfConnection';
import { describeFailure } from '../../core/sync/describeFailure';
import { finishRun } from '../../core/sync/finishRun';
import { runErrorCodeOfFailure } from '../../core/sync/runErrorCodes';
import { settleRun } from '../../core/sync/settleRun';
import { finishRunInputSchema } from '../../core/sync/taskSchemas';
import { sourceManifestsPrefix } from '../../adapters/s3/s3RunManifestStore';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';

const nothing = { filesDone: 0, filesFailed: 0, filesSkipped: 0, bytes: 0 };

/**
 * sync-source → FinishRun: counts what the run did from the tracked files,
 * commits the changes cursor only when every file is settled, records the
 * outcome, releases the claim and schedules the next sync. A refused Google
 * grant stops the schedule and shows the source as needing reconnection.
 */
export function makeHandler(deps: () => AppDependencies) {
  return taskHandler(
    'FinishRun',
    finishRunInputSchema,
    async (input) => {
      const app = deps();
      const run = await app.runs.get(input.tenantId, input.sourceId, input.runId);
      if (run === null) throw new NotFoundError('run not found', { context: { runId: input.runId } });
      const now = app.clock.now().toISOString();
      if (input.failure !== undefined) {
        const needsReauth = input.failure.Error === 'ReauthRequiredError';
        const error = describeFailure(input.failure);
        const errorCode = needsReauth ? 'reauth_required' : runErrorCodeOfFailure(input.failure);
        const finished = await finishRun(app, input, { status: 'failed', ...nothing, error, errorCode }, { needsReauth });
        if (needsReauth) await stopOtherSourcesOfConnection(app, input, error);
        await removeManifests(app, input);
        return { status: finished.status, durationMs: finished.durationMs };
      }
      const settled = await settleRun({ files: app.trackedFiles, state: app.syncState }, { ...input, startedAt: run.startedAt }, now);
      const finished = await finishRun(app, input, {
        status: 'succeeded',
        filesDone: settled.filesDone,
        filesFailed: settled.filesFailed,
        filesSkipped: settled.filesSkipped,
        bytes: settled.bytes,
        error: settled.unsettled > 0 ? 'some files are not finished yet; the next sync continues them' : null,
        errorCode: settled.unsettled > 0 ? 'files_unfinished' : null,
      });
      await removeManifests(app, input);
      return { status: finished.status, durationMs: finished.durationMs, cursorCommitted: settled.cursorCommitted };
    },
    () => deps().logger,
  );
}

/** The grant this run's source syncs through was refused: every other source on it stops too. */
async function stopOtherSourcesOfConnection(app: AppDependencies, ids: { tenantId: string; sourceId: string }, reason: string): Promise<void> {
  const source = await app.sources.get(ids.tenantId, ids.sourceId);
  const connectionId = (source?.config as { connectionId?: string } | undefined)?.connectionId;
  if (connectionId === undefined) return;
  await stopSourcesOfConnection(app, ids.tenantId, connectionId, reason, ids.sourceId);
}

/**
 * The run's manifest batches have served their purpose once the run ends, whichever way.
 * Removed only after the outcome is recorded, and a failure here does not fail the step:
 * the run is finished either way. One run holds a source at a time, so every manifest of
 * the source is this run's or a finished one's: the whole folder goes, and with it what an
 * earlier run could not remove.
 */
async function removeManifests(app: AppDependencies, ids: { tenantId: string; sourceId: string; runId: string }): Promise<void> {
  try {
    await app.footage.deletePrefix(sourceManifestsPrefix(ids.tenantId, ids.sourceId));
  } catch (error) {
    app.logger.warn({ ...ids, err: error }, 'run finished; its manifests could not be removed yet');
  }
}

export const handler = makeHandler(appDependencies);
