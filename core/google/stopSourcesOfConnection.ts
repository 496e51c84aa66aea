import type { Clock } from '../ports/clock';
import type { SourceRepository } from '../ports/sourceRepository';

/**
 * A refused grant concerns every Drive source syncing through it, not only the
 * one whose run met the refusal: each is put in `needs_reauth` with the reason
 * and taken off the schedule, as that run's source is. A paused source stays
 * paused; one syncing now meets the refusal in its own run and ends the same
 * way; `exceptSourceId` is the run's own source, which FinishRun settles.
 * Reconnecting resumes them all (resumeSourcesOfConnection).
 */
export async function stopSourcesOfConnection(
  deps: { sources: SourceRepository; clock: Clock },
  tenantId: string,
  connectionId: string,
  reason: string,
  exceptSourceId?: string,
): Promise<number> {
  const now = deps.clock.now().toISOString();
  let stopped = 0;
  for (const source of await deps.sources.list(tenantId)) {
    const config = source.config as { connectionId?: string };
    if (source.type !== 'google_drive' || config.connectionId !== connectionId || source.id === exceptSourceId) continue;
    if (source.status === 'paused' || source.status === 'syncing' || source.status === 'needs_reauth') continue;
    await deps.sources.update(tenantId, source.id, { status: 'needs_reauth', statusMessage: reason, statusMessageCode: 'reauth_required', nextSyncAt: null }, now);
    stopped += 1;
  }
  return stopped;
}
