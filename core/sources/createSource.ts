import type { Identity } from '../identity/identity';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/idGenerator';
import type { SourceRepository } from '../ports/sourceRepository';
import type { SyncStarter } from '../ports/syncStarter';
import { requestSync } from '../sync/requestSync';
import { parseWith } from '../validation/parseWith';
import type { Source } from './source';
import { newSource } from './newSource';
import { createSourceSchema } from './sourceSchemas';
import { edgeSourceTypes } from './sourceTypes';
import type { ConnectionProviderDeps } from '../google/connectionProvider';
import { mappingForChosenFolders } from '../google/mappingForChosenFolders';
import type { AgentRepository } from '../ports/agentRepository';
import { checkSourceAgent } from './checkSourceAgent';

export interface CreateSourceDeps {
  readonly sources: SourceRepository;
  readonly syncStarter: SyncStarter;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** To look into the chosen folders for their cameras. */
  readonly drive: ConnectionProviderDeps;
  /** A local folder's agent must be one of the tenant's own that can still run it. */
  readonly agents: Pick<AgentRepository, 'get'>;
}

/**
 * Validates and stores a new source, then starts its first sync at once
 * (the initial download). The source is stored due now, so if the start fails
 * the scheduler picks it up on its next tick. Renames and exclusions of
 * cameras the chosen Drive folders do not have are dropped. A local folder
 * naming an agent that is not the tenant's, or is revoked, is refused
 * (checkSourceAgent) and nothing is stored.
 */
export async function createSource(deps: CreateSourceDeps, identity: Identity, body: unknown): Promise<Source> {
  const input = parseWith(createSourceSchema, body);
  if (input.type === 'local') await checkSourceAgent(deps.agents, identity.tenantId, input.config);
  const now = deps.clock.now().toISOString();
  const config = input.type === 'google_drive' ? await mappingForChosenFolders(deps.drive, identity.tenantId, null, input.config) : input.config;
  const source = newSource({ tenantId: identity.tenantId, id: deps.ids.newId('src'), type: input.type, name: input.name, intervalMinutes: input.intervalMinutes, config, nextSyncAt: now }, now);
  await deps.sources.create(source);
  if (!edgeSourceTypes.includes(source.type)) {
    try {
      await requestSync(deps, source.tenantId, source.id, 'initial');
    } catch {
      // Left due: the dispatcher starts it on its next tick (see requestSync).
    }
  }
  return (await deps.sources.get(source.tenantId, source.id)) ?? source;
}
