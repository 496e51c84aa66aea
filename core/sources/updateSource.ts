import { ConflictError, NotFoundError } from '../errors';
import type { Identity } from '../identity/identity';
import type { Clock } from '../ports/clock';
import type { SourceChanges, SourceRepository } from '../ports/sourceRepository';
import { nextSyncAfter } from '../sync/schedule';
import { parseWith } from '../validation/parseWith';
import type { Source } from './source';
import { processingSettingsOf } from './processingSettings';
import { requestSync, type RequestSyncDeps } from '../sync/requestSync';
import { configSchemaByType, updateSourceSchema } from './sourceSchemas';
import type { SyncStateRepository } from '../ports/syncStateRepository';
import type { ConnectionProviderDeps } from '../google/connectionProvider';
import { mappingForChosenFolders } from '../google/mappingForChosenFolders';
import type { AgentRepository } from '../ports/agentRepository';
import { checkSourceAgent } from './checkSourceAgent';

/**
 * Applies a PATCH: rename, new interval, new config (checked against the
 * source's own type), pause or resume. Pausing takes the source out of the due
 * index; resuming makes it due now. A source waiting for a Google reconnect
 * that is moved to another connection syncs again at once. New chosen folders
 * drop the renames and exclusions of cameras they do not have
 * (mappingForChosenFolders), and the next run lists everything under them
 * again. A local folder moved to an agent that is not the tenant's, or is
 * revoked, is refused (checkSourceAgent); keeping its agent is not re-checked,
 * so the processing settings of a folder whose agent was revoked can still be
 * edited. Nothing is written if any field is bad.
 */
export async function updateSource(
  deps: {
    sources: SourceRepository;
    clock: Clock;
    /** To look into new chosen folders for their cameras. */
    drive: ConnectionProviderDeps;
    syncState: Pick<SyncStateRepository, 'reset'>;
    agents: Pick<AgentRepository, 'get'>;
  } & Partial<Pick<RequestSyncDeps, 'syncStarter' | 'ids'>>,
  identity: Identity,
  sourceId: string,
  body: unknown,
): Promise<Source> {
  const patch = parseWith(updateSourceSchema, body);
  const existing = await deps.sources.get(identity.tenantId, sourceId);
  if (existing === null) throw new NotFoundError('source not found', { context: { sourceId } });
  if (existing.status === 'deleting') throw new ConflictError('the source is being deleted', { context: { sourceId } });
  const now = deps.clock.now().toISOString();

  const changes: { -readonly [K in keyof SourceChanges]: SourceChanges[K] } = {};
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.config !== undefined) {
    // Processing settings are edited on their own: a config without them keeps the stored ones.
    const kept = 'processing' in patch.config || !('processing' in existing.config) ? patch.config : { ...patch.config, processing: existing.config.processing };
    changes.config = parseWith(configSchemaByType[existing.type], kept, 'config');
    if ('path' in changes.config && changes.config.agentId !== agentOf(existing.config)) await checkSourceAgent(deps.agents, identity.tenantId, changes.config);
    if ('folderIds' in changes.config && 'folderIds' in existing.config) {
      changes.config = await mappingForChosenFolders(deps.drive, identity.tenantId, existing.config, changes.config);
    }
  }
  const foldersChanged = changes.config !== undefined && !sameFolders(foldersOf(existing.config), foldersOf(changes.config));
  if (changes.config !== undefined && existing.status === 'needs_reauth' && connectionOf(changes.config) !== connectionOf(existing.config)) {
    // Moved to another Google account: the refusal concerned the old one, so it syncs again, due now.
    changes.status = 'idle';
    changes.statusMessage = null;
    changes.nextSyncAt = now;
  }
  if (patch.intervalMinutes !== undefined) {
    changes.intervalMinutes = patch.intervalMinutes;
    if (existing.nextSyncAt !== null && existing.status !== 'syncing') {
      changes.nextSyncAt = existing.lastSyncAt === null ? now : nextSyncAfter(existing.lastSyncAt, patch.intervalMinutes);
    }
  }
  if (patch.paused === true && existing.status !== 'paused') {
    changes.status = 'paused';
    changes.statusMessage = null;
    changes.nextSyncAt = null;
  }
  if (patch.paused === false && existing.status === 'paused') {
    changes.status = 'idle';
    changes.nextSyncAt = now;
  }
  const updated = await deps.sources.update(identity.tenantId, sourceId, changes, now);
  // The changes feed only tells what changes from now on: the new folders' files are found by listing them.
  if (foldersChanged) await deps.syncState.reset(identity.tenantId, sourceId);
  if (deps.syncStarter !== undefined && deps.ids !== undefined && turnsProcessingOn(existing, updated)) {
    await startBackfill({ sources: deps.sources, clock: deps.clock, syncStarter: deps.syncStarter, ids: deps.ids }, identity.tenantId, sourceId);
  }
  return updated;
}

const turnsProcessingOn = (before: Source, after: Source): boolean =>
  !processingSettingsOf(before.config).enabled && processingSettingsOf(after.config).enabled;

/**
 * Processing was just turned on: a sync starts now, and its processing step
 * takes every file already stored (backfill), with progress in the run history.
 * A run already under way (409) or a start that fails leaves it to the next
 * scheduled sync, which plans the same backlog.
 */
async function startBackfill(deps: RequestSyncDeps, tenantId: string, sourceId: string): Promise<void> {
  const source = await deps.sources.get(tenantId, sourceId);
  if (source === null || source.type !== 'google_drive' || source.status === 'paused' || source.status === 'needs_reauth') return;
  await requestSync(deps, tenantId, sourceId, 'manual').catch(() => undefined);
}

function foldersOf(config: unknown): readonly string[] {
  return (config as { folderIds?: readonly string[] } | null)?.folderIds ?? [];
}

function sameFolders(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((id) => set.has(id));
}

function agentOf(config: unknown): string | undefined {
  return (config as { agentId?: string } | null)?.agentId;
}

function connectionOf(config: unknown): string | undefined {
  return (config as { connectionId?: string } | null)?.connectionId;
}
