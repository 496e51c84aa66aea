import type { KeepFlagView, StorageView } from '../api/storageApi';
import { NotFoundError } from '../errors';
import type { AuditLog } from '../ports/auditLog';
import type { IdGenerator } from '../ports/idGenerator';
import type { Identity } from '../identity/identity';
import { recordAudit } from '../audit/recordAudit';
import type { Clock } from '../ports/clock';
import type { EventRepository } from '../ports/eventRepository';
import type { ObjectTagger } from '../ports/objectTagger';
import type { ShareLinkRepository } from '../ports/shareLinkRepository';
import type { SourceRepository } from '../ports/sourceRepository';
import { retagClipHold } from './clipHold';
import type { StorageLedger } from '../ports/storageLedger';
import type { StorageSettingsRepository } from '../ports/storageSettingsRepository';
import { parseWith } from '../validation/parseWith';
import { z } from 'zod';
import { clipRetentionDays, footageRetentionDays } from './retention';
import { startRetagJob } from './retagStep';
import { applyStorageSettingsPatch, parseStorageSettingsPatch } from './storageSettings';
import { crossingForRecords, usageAlertStatus } from './usageAlertStatus';
import { addDays, usageDay } from './usageDay';
import { estimateMonthCost, retentionSavings, usageSeries } from './usageReport';

export interface StorageServiceDeps {
  readonly ledger: StorageLedger;
  readonly tagger: ObjectTagger;
  readonly settings: StorageSettingsRepository;
  readonly events: EventRepository;
  readonly clock: Clock;
  /** The tenant's audit trail: settings changes, keep flags, and the alert when it is first crossed in a month. */
  readonly audit: AuditLog;
  readonly ids: IdGenerator;
  /** Share links made with "keep" hold their order's clip too: clearing the order's flag leaves such a clip held. */
  readonly shareLinks: Pick<ShareLinkRepository, 'listForEvent'>;
  /** Re-tagging keeps the clipped footage of sources that keep clips only (core/storage/clippedFootage.ts). */
  readonly sources: Pick<SourceRepository, 'list'>;
}

/** Objects re-tagged inline by a request that changes what they are tagged with, so progress shows at once; the rest is background work. */
export const INLINE_RETAG_BATCH = 100;

export const CHART_DAYS = 90;

/** The Storage page: settings, 90 days of usage per tenant and camera, cost, savings, re-tagging, alert. */
export async function describeStorage(deps: StorageServiceDeps, tenantId: string): Promise<StorageView> {
  const now = deps.clock.now();
  const today = usageDay(now);
  const [settings, usage, job] = await Promise.all([deps.settings.get(tenantId), deps.ledger.usage(tenantId, addDays(today, -(CHART_DAYS - 1)), today), deps.settings.getJob(tenantId)]);
  const series = usageSeries(usage.totals, usage.days, today, CHART_DAYS);
  const cost = estimateMonthCost(series, usage.days, today);
  const alert = usageAlertStatus(settings.alert, usage.totals.footageBytes + usage.totals.clipBytes, cost);
  const crossed = alert.crossing === null ? null : crossingForRecords(alert.crossing);
  if (crossed !== null && (await deps.settings.claimAlert(tenantId, cost.month, now.toISOString(), crossed))) {
    // Noticed by VTrack itself (whoever opened the page), once a month.
    await deps.audit.record({
      tenantId,
      id: deps.ids.newTimeOrderedId('aud', now),
      at: now.toISOString(),
      action: 'storage.alert_crossed',
      actor: { userId: 'system', email: null },
      target: { type: 'storage', id: tenantId },
      detail: { message: crossed, kind: settings.alert?.kind ?? null, threshold: settings.alert?.value ?? null },
    });
  }
  return {
    retention: settings.retention,
    sources: settings.sources,
    choices: { footageDays: [...footageRetentionDays, null], clipDays: [...clipRetentionDays, null] },
    totals: usage.totals,
    series,
    cameras: usage.cameras.map((camera) => ({
      sourceId: camera.sourceId,
      cameraId: camera.cameraId,
      footageBytes: camera.totals.footageBytes,
      clipBytes: camera.totals.clipBytes,
      files: camera.totals.footageFiles + camera.totals.clipFiles,
      series: usageSeries(camera.totals, camera.days, today, CHART_DAYS),
    })),
    cost,
    savings: retentionSavings(usage.days, settings.retention, today),
    retag: job === null ? null : { state: job.state, checked: job.checked, retagged: job.retagged, total: job.total, startedAt: job.startedAt, updatedAt: job.updatedAt },
    alert,
  };
}

/**
 * Changes retention, per-source overrides or the alert. A retention change
 * starts (or restarts) the background re-tagging of every stored object and
 * runs its first batch here. Nothing is written if a field is bad.
 */
export async function updateStorage(deps: StorageServiceDeps, identity: Identity, body: unknown): Promise<StorageView> {
  const { tenantId } = identity;
  const patch = parseStorageSettingsPatch(body);
  const now = deps.clock.now().toISOString();
  const { settings, retagNeeded } = applyStorageSettingsPatch(await deps.settings.get(tenantId), patch, now);
  await deps.settings.put(tenantId, settings);
  if (retagNeeded) await startRetagJob(deps, tenantId, INLINE_RETAG_BATCH);
  await recordAudit(deps, identity, 'storage.settings_changed', { type: 'storage', id: tenantId }, {
    footageDays: settings.retention.footageDays,
    clipDays: settings.retention.clipDays,
    sourceOverrides: Object.keys(settings.sources).length,
    alert: settings.alert === null ? null : `${settings.alert.value} ${settings.alert.kind}`,
  });
  return describeStorage(deps, tenantId);
}

const keepSchema = z.strictObject({
  keep: z.boolean({ error: 'must be true or false' }),
  reason: z.string().trim().max(200, 'must be at most 200 characters').optional(),
});

/**
 * Sets or clears an order's keep flag (an open dispute). While set, its clip is
 * tagged `hold`, which no lifecycle rule matches; cleared, it goes back to the
 * clip retention of its source, unless a working share link made with "keep" still holds it.
 */
export async function setKeepFlag(deps: StorageServiceDeps, identity: Identity, eventId: string, body: unknown): Promise<KeepFlagView> {
  const { tenantId, userId } = identity;
  const { keep, reason } = parseWith(keepSchema, body);
  const event = await deps.events.get(tenantId, eventId);
  if (event === null) throw new NotFoundError('order not found');
  const at = deps.clock.now().toISOString();
  if (keep) await deps.settings.putKeep(tenantId, { eventId, reason: reason ?? '', by: userId, at });
  else await deps.settings.deleteKeep(tenantId, eventId);
  await retagClipHold(deps, tenantId, eventId);
  await recordAudit(deps, identity, keep ? 'order.keep_set' : 'order.keep_cleared', { type: 'order', id: eventId, name: event.trackingCodes.join(', ') }, keep ? { reason: reason ?? '' } : undefined);
  return { eventId, keep, reason: keep ? (reason ?? '') : null, at: keep ? at : null };
}

/** An order of another tenant, or none, is not found: the answer must not tell ids apart. */
export async function getKeepFlag(deps: Pick<StorageServiceDeps, 'settings' | 'events'>, tenantId: string, eventId: string): Promise<KeepFlagView> {
  if ((await deps.events.get(tenantId, eventId)) === null) throw new NotFoundError('order not found');
  const flag = await deps.settings.getKeep(tenantId, eventId);
  return { eventId, keep: flag !== null, reason: flag?.reason ?? null, at: flag?.at ?? null };
}
