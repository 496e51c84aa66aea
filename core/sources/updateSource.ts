import { NotFoundError } from '../errors';
import type { Identity } from '../identity/identity';
import type { Clock } from '../ports/clock';
import type { SourceChanges, SourceRepository } from '../ports/sourceRepository';
import { nextSyncAfter } from '../sync/schedule';
import { parseWith } from '../validation/parseWith';
import type { Source } from './source';
import { configSchemaByType, updateSourceSchema } from './sourceSchemas';

/**
 * Applies a PATCH: rename, new interval, new config (checked against the
 * source's own type), pause or resume. Pausing takes the source out of the due
 * index; resuming makes it due now. A source waiting for a Google reconnect
 * that is moved to another connection syncs again at once. Nothing is written
 * if any field is bad.
 */
export async function updateSource(
  deps: { sources: SourceRepository; clock: Clock },
  identity: Identity,
  sourceId: string,
  body: unknown,
): Promise<Source> {
  const patch = parseWith(updateSourceSchema, body);
  const existing = await deps.sources.get(identity.tenantId, sourceId);
  if (existing === null) throw new NotFoundError('source not found', { context: { sourceId } });
  const now = deps.clock.now().toISOString();

  const changes: { -readonly [K in keyof SourceChanges]: SourceChanges[K] } = {};
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.config !== undefined) changes.config = parseWith(configSchemaByType[existing.type], patch.config, 'config');
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
  return deps.sources.update(identity.tenantId, sourceId, changes, now);
}

function connectionOf(config: unknown): string | undefined {
  return (config as { connectionId?: string } | null)?.connectionId;
}
