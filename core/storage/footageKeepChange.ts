import type { Source } from '../sources/source';
import { isClipsOnly } from './clippedFootage';
import { startRetagJob, type RetagDeps } from './retagStep';

/**
 * A source stopped keeping clips only: its footage already tagged to expire
 * (`footage-clipped`) and not yet deleted goes back to its footage retention,
 * through the tenant's background re-tagging (progress on the Storage page).
 * Waiting recordings are left to the storage worker, which no longer tags them.
 * Switching to clips only applies to recordings processed from then on.
 * Returns whether re-tagging started.
 */
export async function retagAfterKeepChange(deps: RetagDeps, before: Source, after: Source, inlineBatch: number): Promise<boolean> {
  if (!isClipsOnly(before.config) || isClipsOnly(after.config)) return false;
  await startRetagJob(deps, after.tenantId, inlineBatch);
  return true;
}
