import { z } from 'zod';
import { LEDGER_CHANGE_GRACE_MS } from '../../core/ports/storageLedger';
import { releaseExpiredShareHolds } from '../../core/storage/clipHold';
import { expireWaitingFootage } from '../../core/storage/clippedFootage';
import { retagStep } from '../../core/storage/retagStep';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';

/** Entries looked at per batch: one DynamoDB page, and a tag request for each that changes. */
export const RETAG_BATCH = 200;
const SAFETY_MARGIN_MS = 10_000;

/** Counter changes finished per run: more wait for the next minute. */
export const RECONCILE_BATCH = 200;

/**
 * Scheduled every minute, the storage upkeep: first finishes usage-counter
 * changes a killed process left pending (older than the grace period; an index,
 * never a scan), releases the clip holds of share links made with "keep" that
 * expired, sets to expire the footage of clips-only sources whose next recording
 * did not come within the grace (core/storage/clippedFootage.ts), then takes the tenants whose re-tagging runs (an index of
 * running jobs) and moves each on in bounded batches until its time is nearly
 * up. A job stopped anywhere goes on from its cursor next time.
 */
export function makeHandler(deps: () => AppDependencies) {
  return taskHandler(
    'RetagWorker',
    z.object({}).passthrough(),
    async (_input, context) => {
      const app = deps();
      const deadline = app.clock.now().getTime() + Math.max(1_000, context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS);
      const ports = { ledger: app.storageLedger, tagger: app.tagger, settings: app.storageSettings, clock: app.clock, sources: app.sources };
      const reconciled = await app.storageLedger.reconcile(new Date(app.clock.now().getTime() - LEDGER_CHANGE_GRACE_MS).toISOString(), RECONCILE_BATCH);
      if (reconciled > 0) app.logger.warn({ reconciled }, 'usage counter changes left pending by a stopped process finished');
      const holds = { ledger: app.storageLedger, tagger: app.tagger, settings: app.storageSettings, events: app.events, shareLinks: app.shareLinks, holds: app.shareLinks, clock: app.clock };
      const released = await releaseExpiredShareHolds(holds, RECONCILE_BATCH);
      if (released > 0) app.logger.info({ released }, 'clip holds of expired share links released');
      const clipped = await expireWaitingFootage({ ...ports, queue: app.clippedFootage, files: app.trackedFiles }, RECONCILE_BATCH);
      if (clipped > 0) app.logger.info({ clipped }, 'clips-only footage whose next recording did not come within the grace set to expire');
      let batches = 0;
      for (const tenantId of await app.storageSettings.runningJobs(20)) {
        for (;;) {
          if (app.clock.now().getTime() >= deadline) return { batches, reconciled, released, clipped, stopped: 'deadline' };
          const job = await retagStep(ports, tenantId, RETAG_BATCH);
          batches += 1;
          if (job === null || job.state === 'done') break;
        }
      }
      return { batches, reconciled, released, clipped };
    },
    () => deps().logger,
  );
}

export const handler = makeHandler(appDependencies);
