import { z } from 'zod';
import { withConnection } from '../../core/google/connectionProvider';
import { NotFoundError } from '../../core/errors';
import { runRefSchema } from '../../core/sync/taskSchemas';
import { transferBatch } from '../../core/sync/transferBatch';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';

const inputSchema = runRefSchema.extend({ manifestKey: z.string().min(1).max(1024), round: z.number().int().min(0).optional() });

/** Time kept back from the Lambda's limit to record the last part and return. */
const SAFETY_MARGIN_MS = 30_000;

/**
 * sync-source → Map → TransferBatch: streams a batch of files from Google Drive
 * into S3, resumably, until done or near the Lambda's time limit. Returns its
 * input with `remaining` so the machine calls it again for what is left.
 */
export function makeHandler(deps: () => AppDependencies) {
  return taskHandler(
    'TransferBatch',
    inputSchema,
    async (input, context) => {
      const app = deps();
      const source = await app.sources.get(input.tenantId, input.sourceId);
      if (source === null) throw new NotFoundError('source was deleted during the run');
      // Its files are being removed: stop now rather than find each one gone.
      if (source.status === 'deleting') throw new NotFoundError('source was deleted during the run');
      const connectionId = 'connectionId' in source.config ? source.config.connectionId : undefined;
      if (connectionId === undefined) throw new NotFoundError('the source has no Google connection');
      const deadlineMs = app.clock.now().getTime() + Math.max(5_000, context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS);
      await app.googleOAuth.ready();
      const result = await withConnection(
        { connections: app.googleConnections, oauth: app.googleOAuth, sealer: app.sealer, clock: app.clock },
        input.tenantId,
        connectionId,
        (provider) =>
          transferBatch(
            {
              provider,
              objectStore: app.objectStore,
              files: app.trackedFiles,
              manifests: app.manifests,
              runs: app.runs,
              clock: app.clock,
              runningMd5: app.runningMd5,
              storage: app.storage,
              footage: app.footage,
              keys: app.objectKeys,
            },
            input,
            { concurrency: app.config.transferConcurrency.filesPerBatch, transfer: { deadlineMs } },
          ),
      );
      return { ...input, round: (input.round ?? 0) + 1, remaining: result.remaining, done: result.done, failed: result.failed };
    },
    () => deps().logger,
  );
}

export const handler = makeHandler(appDependencies);
