import { parseTimeZone } from '../time/timeZone';
import { defaultCameraMapping } from '../cameras/cameraMappingConfig';
import { NotFoundError, ReauthRequiredError } from '../errors';
import type { RunManifestStore } from '../ports/runManifestStore';
import type { SourceRepository } from '../ports/sourceRepository';
import type { StorageProvider } from '../providers/storageProvider';
import { batchTransfers } from './batchTransfers';
import { planSync, type PlanSyncDeps } from './planSync';

export interface RunPlan {
  readonly batches: readonly { readonly manifestKey: string }[];
  /** Batches transferred at once (the Map's MaxConcurrencyPath). */
  readonly concurrency: number;
  readonly mode: 'full' | 'changes' | 'edge';
  readonly toTransfer: number;
  readonly skipped: number;
  readonly removed: number;
  readonly notes: readonly string[];
}

export interface PlanRunDeps extends Omit<PlanSyncDeps, 'provider'> {
  readonly sources: SourceRepository;
  readonly manifests: RunManifestStore;
  /** The provider for a source's connection; throws ReauthRequiredError when the grant is gone. */
  readonly providerFor: (tenantId: string, connectionId: string, use: (provider: StorageProvider) => Promise<RunPlan>) => Promise<RunPlan>;
  readonly batchConcurrency: number;
}

/**
 * sync-source's planning step for one source: what changed, what to transfer,
 * in manifest batches. Edge sources (cameras, local folders) are pulled by the
 * edge agent, so the cloud run has nothing to transfer for them.
 */
export async function planRun(deps: PlanRunDeps, ref: { tenantId: string; sourceId: string; runId: string }): Promise<RunPlan> {
  const source = await deps.sources.get(ref.tenantId, ref.sourceId);
  if (source === null || source.status === 'deleting') {
    throw new NotFoundError('source was deleted during the run', { context: { sourceId: ref.sourceId } });
  }
  if (source.type !== 'google_drive' || !('folderIds' in source.config)) {
    return { batches: [], concurrency: 1, mode: 'edge', toTransfer: 0, skipped: 0, removed: 0, notes: [] };
  }
  const config = source.config;
  if (config.connectionId === undefined) throw new ReauthRequiredError('connect a Google account to this source to start syncing');
  const mapping = config.mapping ?? defaultCameraMapping;
  return deps.providerFor(ref.tenantId, config.connectionId, async (provider) => {
    const plan = await planSync({ ...deps, provider }, { ...ref, rootFolderIds: config.folderIds, mapping, zone: parseTimeZone(mapping.timeZone) });
    const keys = await deps.manifests.write(ref.tenantId, ref.sourceId, ref.runId, batchTransfers(plan.transferIds).map((providerFileIds) => ({ providerFileIds })));
    return {
      batches: keys.map((manifestKey) => ({ manifestKey })),
      concurrency: deps.batchConcurrency,
      mode: plan.mode,
      toTransfer: plan.transferIds.length,
      skipped: plan.skipped,
      removed: plan.removed,
      notes: plan.notes.slice(0, 20),
    };
  });
}
