import type { Source } from './source';

/** What the tenant chose for a new source; the rest of its row starts the same for every source. */
export type NewSourceChoice = Pick<Source, 'tenantId' | 'id' | 'type' | 'name' | 'intervalMinutes' | 'config' | 'nextSyncAt'>;

/**
 * A source as it is first stored: idle, never synced, unclaimed, nothing
 * stored yet. `nextSyncAt` says when its first sync is due (null: the cloud
 * never syncs it, an agent on site does).
 */
export function newSource(choice: NewSourceChoice, now: string): Source {
  return {
    ...choice,
    status: 'idle',
    statusMessage: null,
    lastSyncAt: null,
    lastRunId: null,
    claim: null,
    totals: { files: 0, bytes: 0 },
    createdAt: now,
    updatedAt: now,
  };
}
