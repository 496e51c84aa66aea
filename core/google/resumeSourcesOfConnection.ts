import type { Clock } from '../ports/clock';
import type { SourceRepository } from '../ports/sourceRepository';

/**
 * After a reconnect, the Drive sources that stopped for this grant go back on
 * their schedule, due now, so the tenant sees them sync without another click.
 */
export async function resumeSourcesOfConnection(
  deps: { sources: SourceRepository; clock: Clock },
  tenantId: string,
  connectionId: string,
): Promise<number> {
  const now = deps.clock.now().toISOString();
  let resumed = 0;
  for (const source of await deps.sources.list(tenantId)) {
    const config = source.config as { connectionId?: string };
    if (source.type === 'google_drive' && config.connectionId === connectionId && source.status === 'needs_reauth') {
      await deps.sources.update(tenantId, source.id, { status: 'idle', statusMessage: null, nextSyncAt: now }, now);
      resumed += 1;
    }
  }
  return resumed;
}
