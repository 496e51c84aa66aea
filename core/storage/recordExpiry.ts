import type { Clock } from '../ports/clock';
import type { EventRepository } from '../ports/eventRepository';
import type { LedgerEntry, StorageLedger } from '../ports/storageLedger';
import type { TrackedFileRepository } from '../ports/trackedFileRepository';
import { daysOfTag } from './retentionTags';
import { tenantOfKey, usageDay } from './usageDay';

export interface RecordExpiryDeps {
  readonly ledger: StorageLedger;
  readonly files: TrackedFileRepository;
  readonly events: EventRepository;
  readonly clock: Clock;
}

export type ExpiryOutcome = 'footage' | 'clip' | 'unknown';

/** How far around a file's storing time to look for orders cut (or still to be cut) from it. */
const EVENT_SEARCH_MS = 86_400_000;

/**
 * A lifecycle rule (or the local sweeper) deleted `key`: the ledger entry goes
 * and the usage counters drop by its size; footage marks its tracked file
 * `expired`, and an order cut from it whose clip was never made says its
 * footage expired; an expired clip's order says its clip was removed. Running
 * it twice changes nothing the second time (the ledger entry is gone).
 */
export async function recordExpiry(deps: RecordExpiryDeps, key: string, at: Date): Promise<ExpiryOutcome> {
  const tenantId = tenantOfKey(key);
  // The entry goes last: a handler that fails half-way is run again (EventBridge retries) and finds it still there.
  const entry = await deps.ledger.get(tenantId, key);
  if (entry === null) return 'unknown';
  await expireDependents(deps, entry);
  await deps.ledger.remove(tenantId, key, usageDay(at));
  return entry.kind;
}

async function expireDependents(deps: RecordExpiryDeps, entry: LedgerEntry): Promise<void> {
  const { tenantId, key } = entry;
  const now = deps.clock.now().toISOString();
  if (entry.kind === 'clip') {
    if (entry.eventId !== null) {
      const event = await deps.events.get(tenantId, entry.eventId);
      if (event !== null && event.clip.s3Key === key) {
        await deps.events.updateClip(tenantId, entry.eventId, { state: 'failed', s3Key: null, bytes: null, error: `the clip was deleted by your clip retention setting (clips are kept ${daysOfTag(entry.tag) ?? '?'} days)` });
      }
    }
    return;
  }
  let recordedAt = Date.parse(entry.storedAt);
  if (entry.providerFileId !== null) {
    const ref = { tenantId, sourceId: entry.sourceId, providerFileId: entry.providerFileId };
    const file = await deps.files.get(ref);
    if (file?.recordingStartAt != null) recordedAt = Date.parse(file.recordingStartAt);
    await deps.files.markExpired(ref, key, now);
  }
  // Orders cut from this footage start near its recording (or, without a time in its name, its storing).
  const window = {
    tenantId,
    sourceId: entry.sourceId,
    cameraId: entry.cameraId,
    from: new Date(recordedAt - EVENT_SEARCH_MS).toISOString(),
    to: new Date(recordedAt + EVENT_SEARCH_MS).toISOString(),
  };
  for (const event of await deps.events.listByCamera(window, 1000)) {
    if (event.clip.state === 'ready' || event.clip.state === 'footage_expired') continue;
    if (!event.files.some((file) => file.s3Key === key)) continue;
    await deps.events.updateClip(tenantId, event.id, { state: 'footage_expired', s3Key: null, bytes: null, error: null });
  }
}
