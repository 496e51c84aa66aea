import type { Clock } from '../ports/clock';
import type { ObjectTagger } from '../ports/objectTagger';
import type { ShareLinkRepository } from '../ports/shareLinkRepository';
import type { LedgerEntry, StorageLedger } from '../ports/storageLedger';
import { isClipHeld } from './clipHold';
import type { StorageBatch, StoredObject, StorageRecorder } from '../ports/storageRecorder';
import type { StorageSettingsRepository } from '../ports/storageSettingsRepository';
import { resolveRetention } from './retention';
import { RETAIN_TAG_KEY, retentionTagFor } from './retentionTags';
import { usageDay } from './usageDay';

export interface StorageAccountingDeps {
  readonly ledger: StorageLedger;
  readonly tagger: ObjectTagger;
  readonly settings: StorageSettingsRepository;
  readonly clock: Clock;
  /** A clip is held while a share link made with "keep" works; without links, only the order's keep flag holds. */
  readonly shareLinks?: Pick<ShareLinkRepository, 'listForEvent'>;
}

const noShareLinks: Pick<ShareLinkRepository, 'listForEvent'> = { listForEvent: () => Promise.resolve([]) };

/**
 * The storage side of every write point: the object gets its retention tag
 * (what S3's lifecycle rules and the local sweeper act on), then its ledger
 * entry, which adds it to the usage counters. A clip of an order under a keep
 * flag, or shared by a working link made with "keep", is tagged `hold`. Deletions the app makes itself come off the counters
 * here too; expiries by lifecycle come through recordExpiry.
 */
export class StorageAccounting implements StorageRecorder {
  constructor(private readonly deps: StorageAccountingDeps) {}

  async stored(object: StoredObject): Promise<void> {
    const { deps } = this;
    const settings = await deps.settings.get(object.tenantId);
    const retention = resolveRetention(settings.retention, settings.sources[object.sourceId]);
    const eventId = object.eventId ?? null;
    const hold = object.kind === 'clip' && eventId !== null && (await isClipHeld({ settings: deps.settings, shareLinks: deps.shareLinks ?? noShareLinks, clock: deps.clock }, object.tenantId, eventId));
    const tag = retentionTagFor(object.kind, retention, hold);
    await deps.tagger.setTags(object.key, { [RETAIN_TAG_KEY]: tag });
    const now = deps.clock.now();
    await deps.ledger.record(
      {
        tenantId: object.tenantId,
        key: object.key,
        kind: object.kind,
        sourceId: object.sourceId,
        cameraId: object.cameraId,
        bytes: object.bytes,
        storedAt: now.toISOString(),
        tag,
        providerFileId: object.providerFileId ?? null,
        eventId,
      },
      usageDay(now),
    );
  }

  /** Counts a run of writes together where the ledger can (StorageLedger.batch); removals still count at once. */
  batch(): StorageBatch {
    const { ledger } = this.deps;
    const batch = ledger.batch?.();
    if (batch === undefined) return { recorder: this, flush: () => Promise.resolve() };
    const batchedLedger: StorageLedger = Object.assign(Object.create(ledger) as StorageLedger, { record: (entry: LedgerEntry, day: string) => batch.record(entry, day) });
    return { recorder: new StorageAccounting({ ...this.deps, ledger: batchedLedger }), flush: () => batch.flush() };
  }

  async removed(tenantId: string, keys: readonly string[]): Promise<void> {
    const day = usageDay(this.deps.clock.now());
    for (const key of keys) await this.deps.ledger.remove(tenantId, key, day);
  }

  async removedUnder(tenantId: string, prefix: string): Promise<void> {
    const day = usageDay(this.deps.clock.now());
    for (;;) {
      // Always from the start: what was removed is gone from the ledger.
      const { entries } = await this.deps.ledger.page(tenantId, prefix, null, 200);
      if (entries.length === 0) return;
      for (const entry of entries) await this.deps.ledger.remove(tenantId, entry.key, day);
    }
  }
}
