import { z } from 'zod';
import { retagStep } from '../../core/storage/retagStep';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';

/** Entries looked at per batch: one DynamoDB page, and a tag request for each that changes. */
export const RETAG_BATCH = 200;
const SAFETY_MARGIN_MS = 10_000;

/**
 * Scheduled every minute: takes the tenants whose re-tagging runs (an index of
 * running jobs, never a scan) and moves each on in bounded batches until its
 * time is nearly up. A job stopped anywhere goes on from its cursor next time.
 */
export function makeHandler(deps: () => AppDependencies) {
  return taskHandler(
    'RetagWorker',
    z.object({}).passthrough(),
    async (_input, context) => {
      const app = deps();
      const deadline = app.clock.now().getTime() + Math.max(1_000, context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS);
      const ports = { ledger: app.storageLedger, tagger: app.tagger, settings: app.storageSettings, clock: app.clock };
      let batches = 0;
      for (const tenantId of await app.storageSettings.runningJobs(20)) {
        for (;;) {
          if (app.clock.now().getTime() >= deadline) return { batches, stopped: 'deadline' };
          const job = await retagStep(ports, tenantId, RETAG_BATCH);
          batches += 1;
          if (job === null || job.state === 'done') break;
        }
      }
      return { batches };
    },
    () => deps().logger,
  );
}

export const handler = makeHandler(appDependencies);
