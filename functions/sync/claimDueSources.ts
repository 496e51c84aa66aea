import { z } from 'zod';
import { claimDueSources, type ClaimedSource } from '../../core/sync/claimDueSources';
import { closeDeadRuns } from '../../core/sync/closeDeadRuns';
import { continueDeletion as continueDeletionStep } from '../../core/sources/continueDeletion';
import { continueTenantDeletions } from '../../core/accounts/continueTenantDeletions';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';

type Deps = Pick<
  AppDependencies,
  | 'sources'
  | 'runs'
  | 'trackedFiles'
  | 'footage'
  | 'syncStarter'
  | 'clock'
  | 'ids'
  | 'logger'
  | 'objectStore'
  | 'purger'
  | 'events'
  | 'processingRecords'
  | 'agents'
  | 'shareLinks'
  | 'accounts'
  | 'tenantDeletions'
  | 'tenantPurger'
  | 'tenantObjects'
>;

/** How long one dispatch works on deletions in all (the task has 60 s); the next tick continues them. */
const DELETION_BUDGET_MS = 20_000;

/**
 * dispatch → ClaimDueSources: first closes runs whose execution died (so their
 * sources are released and scheduled), then claims every due source once;
 * then continues the deletions of tenants their owners deleted (their sources
 * are deleted above like any deleted source, the rest of what they stored
 * after); returns the claimed list for the Map.
 */
export function makeHandler(deps: () => Deps) {
  return taskHandler(
    'ClaimDueSources',
    z.unknown(),
    async (): Promise<ClaimedSource[]> => {
      const app = deps();
      const sweep = await closeDeadRuns(app);
      for (const dead of sweep.closed) app.logger.warn({ ...dead }, 'closed a run whose execution had ended without finishing');
      for (const { ref, error } of sweep.errors) app.logger.error({ ...ref, err: error }, 'could not check or close a claimed run; tried again next tick');
      const deletionDeadline = app.clock.now().getTime() + DELETION_BUDGET_MS;
      const continueDeletion = async (tenantId: string, sourceId: string): Promise<void> => {
        if (app.clock.now().getTime() >= deletionDeadline) return;
        try {
          const progress = await continueDeletionStep({ ...app, files: app.trackedFiles }, tenantId, sourceId, deletionDeadline);
          app.logger.info({ tenantId, sourceId, ...progress }, progress?.done !== false ? 'source deleted' : 'source deletion continues');
        } catch (error) {
          app.logger.error({ tenantId, sourceId, err: error }, 'a step of a source deletion failed; tried again next tick');
        }
      };
      const claimed = await claimDueSources({ ...app, continueDeletion });
      await continueTenantDeletions(app, deletionDeadline, (outcome) => {
        if ('progress' in outcome) {
          const { done, tenantId, sourcesLeft, objectsDeleted, itemsDeleted } = outcome.progress;
          app.logger.info({ tenantId, sourcesLeft, objectsDeleted, itemsDeleted }, done ? 'tenant deleted' : 'tenant deletion continues');
        } else {
          app.logger.error({ tenantId: outcome.tenantId, err: outcome.error }, 'a step of a tenant deletion failed; tried again next tick');
        }
      });
      return claimed;
    },
    () => deps().logger,
  );
}

export const handler = makeHandler(appDependencies);
