import { z } from 'zod';
import { claimDueSources, type ClaimedSource } from '../../core/sync/claimDueSources';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';

/** dispatch → ClaimDueSources: claims every due source once; returns the claimed list for the Map. */
export function makeHandler(deps: () => Pick<AppDependencies, 'sources' | 'clock' | 'ids' | 'logger'>) {
  return taskHandler('ClaimDueSources', z.unknown(), (): Promise<ClaimedSource[]> => claimDueSources(deps()), () => deps().logger);
}

export const handler = makeHandler(appDependencies);
