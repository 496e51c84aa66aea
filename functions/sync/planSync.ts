import { withConnection } from '../../core/google/connectionProvider';
import { planRun } from '../../core/sync/planRun';
import { runRefSchema } from '../../core/sync/taskSchemas';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';

/** sync-source → PlanSync: asks the provider what changed and writes the run's transfer manifest. */
export function makeHandler(deps: () => AppDependencies) {
  return taskHandler(
    'PlanSync',
    runRefSchema,
    (ref) => {
      const app = deps();
      return planRun(
        {
          sources: app.sources,
          files: app.trackedFiles,
          state: app.syncState,
          folders: app.folderIndex,
          keys: app.objectKeys,
          objectStore: app.objectStore,
          footage: app.footage,
          manifests: app.manifests,
          clock: app.clock,
          batchConcurrency: app.config.transferConcurrency.batches,
          providerFor: async (tenantId, connectionId, use) => {
            await app.googleOAuth.ready();
            return withConnection({ connections: app.googleConnections, oauth: app.googleOAuth, sealer: app.sealer, clock: app.clock }, tenantId, connectionId, use);
          },
        },
        ref,
      );
    },
    () => deps().logger,
  );
}

export const handler = makeHandler(appDependencies);
