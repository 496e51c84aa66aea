import { runRefSchema } from '../../core/sync/taskSchemas';
import { startClaimedSync } from '../../core/sync/startClaimedSync';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';

/** dispatch → Map → StartSourceSync: starts sync-source for one claimed source. */
export function makeHandler(deps: () => Pick<AppDependencies, 'sources' | 'syncStarter' | 'clock' | 'logger'>) {
  return taskHandler('StartSourceSync', runRefSchema, (claimed) => startClaimedSync(deps(), claimed), () => deps().logger);
}

export const handler = makeHandler(appDependencies);
