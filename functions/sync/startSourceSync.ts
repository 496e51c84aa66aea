import { withConnection } from '../../core/google/connectionProvider';
import { checkForChanges } from '../../core/sync/checkForChanges';
import type { ClaimedSource } from '../../core/sync/claimDueSources';
import { startClaimedSync } from '../../core/sync/startClaimedSync';
import { runRefSchema } from '../../core/sync/taskSchemas';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';

/**
 * dispatch → Map → StartSourceSync: for one claimed source, asks the provider
 * whether anything changed (Drive sources) and starts sync-source only then.
 */
export function makeHandler(deps: () => AppDependencies) {
  const quickCheck = async (claimed: ClaimedSource) => {
    const app = deps();
    const source = await app.sources.get(claimed.tenantId, claimed.sourceId);
    if (source?.type !== 'google_drive' || !('folderIds' in source.config) || source.config.connectionId === undefined) return null;
    // After a failed run (a revoked grant since reconnected, an outage) the next poll always runs,
    // so the tenant sees a fresh outcome rather than the old failure.
    const [lastRun] = await app.runs.listRecent(claimed.tenantId, claimed.sourceId, 1);
    if (lastRun?.status === 'failed') return null;
    const { folderIds, connectionId } = source.config;
    await app.googleOAuth.ready();
    return withConnection(
      { connections: app.googleConnections, oauth: app.googleOAuth, sealer: app.sealer, clock: app.clock },
      claimed.tenantId,
      connectionId,
      (provider) =>
        checkForChanges(
          { provider, state: app.syncState, folders: app.folderIndex, files: app.trackedFiles },
          { tenantId: claimed.tenantId, sourceId: claimed.sourceId, rootFolderIds: folderIds },
          app.clock.now().toISOString(),
        ),
    );
  };
  return taskHandler(
    'StartSourceSync',
    runRefSchema,
    (claimed) => startClaimedSync({ ...deps(), checkForChanges: quickCheck }, claimed),
    () => deps().logger,
  );
}

export const handler = makeHandler(appDependencies);
