import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../../core/errors';
import type { TrackedFileRepository } from '../../../core/ports/trackedFileRepository';
import { trackedFileStatuses } from '../../../core/sync/trackedFile';
import { toTrackedFileView } from '../../../core/sync/trackedFileView';
import { summarizeSource } from '../../../core/sync/summarizeSource';
import { queryTrackedFiles } from '../../../core/sync/queryTrackedFiles';
import { parseTimeZone } from '../../../core/time/timeZone';
import { parseWith } from '../../../core/validation/parseWith';
import type { Clock } from '../../../core/ports/clock';
import type { IdGenerator } from '../../../core/ports/idGenerator';
import type { RunRepository } from '../../../core/ports/runRepository';
import type { SourceRepository } from '../../../core/ports/sourceRepository';
import type { SyncStarter } from '../../../core/ports/syncStarter';
import { createSource } from '../../../core/sources/createSource';
import { deleteSource } from '../../../core/sources/deleteSource';
import type { FootageCleaner } from '../../../core/ports/footageCleaner';
import type { SourceItemsPurger } from '../../../core/ports/sourceItemsPurger';
import type { EventRepository } from '../../../core/ports/eventRepository';
import type { FileProcessingRepository } from '../../../core/ports/fileProcessingRepository';
import type { ObjectStore } from '../../../core/ports/objectStore';
import type { Source } from '../../../core/sources/source';
import type { SyncRun } from '../../../core/sync/syncRun';
import { toRunView, toSourceView } from '../../../core/sources/sourceView';
import { MOVING_SHOWN, toSourceStatusView } from '../../../core/sources/sourceStatusView';
import { agentIdOf, toSourceAgentView } from '../../../core/sources/sourceAgentView';
import { conditionalJson } from '../../middleware/conditionalJson';
import type { ListOf } from '../../../core/api/collections';
import type {
  RetryFailedView,
  RunView,
  SourceDeletionStartedView,
  SourceStatusView,
  SourceSummaryView,
  SourceView,
  SyncRequestedView,
  TrackedFilesPageView,
} from '../../../core/api/sourcesApi';
import { retryFailedFiles } from '../../../core/sync/retryFailedFiles';
import { updateSource } from '../../../core/sources/updateSource';
import { retagAfterKeepChange } from '../../../core/storage/footageKeepChange';
import { INLINE_RETAG_BATCH } from '../../../core/storage/storageService';
import type { StorageLedger } from '../../../core/ports/storageLedger';
import type { ObjectTagger } from '../../../core/ports/objectTagger';
import type { StorageSettingsRepository } from '../../../core/ports/storageSettingsRepository';
import { requestSync } from '../../../core/sync/requestSync';
import type { Logger } from '../../../adapters/logging/logger';
import { authenticatedHttpHandler } from '../../middleware/httpApiHandler';
import { json, type AuthenticatedRequest } from '../../middleware/httpTypes';
import { pathId } from '../../middleware/pathId';
import type { PageTokens } from '../../../core/ports/pageTokens';
import type { GateAccounts } from '../../middleware/httpApiHandler';
import type { AuditLog } from '../../../core/ports/auditLog';
import { recordAudit } from '../../../core/audit/recordAudit';
import { appDependencies } from '../../wiring';
import type { GoogleConnectionRepository, GoogleOAuth } from '../../../core/ports/googleAuth';
import type { SecretSealer } from '../../../core/ports/secretSealer';
import type { SyncStateRepository } from '../../../core/ports/syncStateRepository';
import type { ConnectionProviderDeps } from '../../../core/google/connectionProvider';
import type { AgentRepository } from '../../../core/ports/agentRepository';

const filesQuerySchema = z
  .strictObject({
    status: z.enum(trackedFileStatuses).optional(),
    camera: z.string().min(1).max(100).optional(),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day such as 2025-07-18').optional(),
    hour: z.coerce.number().int().min(0).max(23).optional(),
    zone: z.string().trim().min(1).max(64).default('UTC'),
    q: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    pageToken: z.string().max(2048).optional(),
  })
  .refine((query) => query.hour === undefined || query.day !== undefined, { path: ['hour'], message: 'needs a day' });

/** Footage is kept unless the tenant says otherwise. */
const deleteQuerySchema = z.strictObject({ keepFootage: z.enum(['true', 'false']).default('true') });

export interface SourcesApiDeps {
  readonly sources: SourceRepository;
  readonly runs: RunRepository;
  readonly syncStarter: SyncStarter;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly trackedFiles: TrackedFileRepository;
  readonly objectStore: ObjectStore;
  readonly footage: FootageCleaner;
  readonly purger: SourceItemsPurger;
  readonly events: Pick<EventRepository, 'deleteBySource'>;
  readonly processingRecords: Pick<FileProcessingRepository, 'deleteBySource' | 'getMany'>;
  readonly pageTokens: PageTokens;
  /** New chosen folders are looked into for their cameras; the sync state is reset so they are listed. */
  readonly googleConnections: GoogleConnectionRepository;
  readonly googleOAuth: GoogleOAuth;
  readonly sealer: SecretSealer;
  readonly syncState: Pick<SyncStateRepository, 'reset'>;
  /** Only to refuse tokens of a tenant that does not exist, and to read the member's role. */
  readonly accounts: GateAccounts;
  /** Who created, edited and deleted sources. */
  readonly audit: AuditLog;
  /** A local folder may name only the tenant's own agents that are not revoked. */
  readonly agents: Pick<AgentRepository, 'get'>;
  /** Footage a clips-only source set to expire is re-tagged when the source keeps footage again. */
  readonly storageLedger: StorageLedger;
  readonly tagger: ObjectTagger;
  readonly storageSettings: StorageSettingsRepository;
}

const RUNS_PAGE = 50;

function sourceIdOf(request: AuthenticatedRequest): string {
  return pathId(request, 'sourceId');
}

/** CRUD, "Sync now" and run history of a tenant's sources; the tenant comes from the token only. */
export function makeHandler(deps: () => SourcesApiDeps) {
  const view = async (source: Source): Promise<SourceView> => {
    const lastRun = source.lastRunId === null ? null : await deps().runs.get(source.tenantId, source.id, source.lastRunId);
    return toSourceView(source, lastRun);
  };
  const mustGet = async (tenantId: string, sourceId: string): Promise<Source> => {
    const source = await deps().sources.get(tenantId, sourceId);
    if (source === null) throw new NotFoundError('source not found', { context: { sourceId } });
    return source;
  };

  return authenticatedHttpHandler(
    {
      'GET /api/sources': async ({ identity }) => {
        const sources = await deps().sources.list(identity.tenantId);
        return json(200, { items: await Promise.all(sources.map(view)) } satisfies ListOf<SourceView>);
      },
      'POST /api/sources': async ({ identity, body }) => {
        const created = await createSource({ ...deps(), drive: driveOf(deps()) }, identity, body);
        await recordAudit(deps(), identity, 'source.created', { type: 'source', id: created.id, name: created.name }, { kind: created.type });
        return json(201, (await view(created)) satisfies SourceView);
      },
      'GET /api/sources/{sourceId}': async (request) => json(200, await view(await mustGet(request.identity.tenantId, sourceIdOf(request)))),
      'PATCH /api/sources/{sourceId}': async (request) => {
        const before = await deps().sources.get(request.identity.tenantId, sourceIdOf(request));
        const updated = await updateSource({ ...deps(), drive: driveOf(deps()) }, request.identity, sourceIdOf(request), request.body);
        // Back from "keep clips only": footage set to expire and not yet deleted is kept again (re-tagged in the background).
        if (before !== null) await retagAfterKeepChange({ ledger: deps().storageLedger, tagger: deps().tagger, settings: deps().storageSettings, clock: deps().clock, sources: deps().sources }, before, updated, INLINE_RETAG_BATCH);
        const fields = typeof request.body === 'object' && request.body !== null ? Object.keys(request.body).sort().join(', ') : '';
        await recordAudit(deps(), request.identity, 'source.edited', { type: 'source', id: updated.id, name: updated.name }, { fields });
        return json(200, await view(updated));
      },
      'DELETE /api/sources/{sourceId}': async (request) => {
        const { keepFootage } = parseWith(deleteQuerySchema, request.query);
        const doomed = await deps().sources.get(request.identity.tenantId, sourceIdOf(request));
        const progress = await deleteSource({ ...deps(), files: deps().trackedFiles }, request.identity, sourceIdOf(request), {
          keepFootage: keepFootage !== 'false',
        });
        deps().logger.info({ tenantId: request.identity.tenantId, sourceId: sourceIdOf(request), ...progress }, progress.done ? 'source deleted' : 'source deletion under way');
        await recordAudit(deps(), request.identity, 'source.deleted', { type: 'source', id: sourceIdOf(request), ...(doomed === null ? {} : { name: doomed.name }) }, {
          keepFootage: keepFootage !== 'false',
        });
        return json(202, progress satisfies SourceDeletionStartedView);
      },
      'POST /api/sources/{sourceId}/sync': async (request) => {
        const sourceId = sourceIdOf(request);
        await mustGet(request.identity.tenantId, sourceId);
        const { runId } = await requestSync({ ...deps(), deadRuns: deps() }, request.identity.tenantId, sourceId, 'manual');
        return json(202, { runRequested: true, runId } satisfies SyncRequestedView);
      },
      'POST /api/sources/{sourceId}/retry-failed': async (request) => {
        const sourceId = sourceIdOf(request);
        await mustGet(request.identity.tenantId, sourceId);
        const result = await retryFailedFiles({ ...deps(), files: deps().trackedFiles, deadRuns: deps() }, request.identity.tenantId, sourceId);
        deps().logger.info({ tenantId: request.identity.tenantId, sourceId, requeued: result.requeued, runId: result.runId }, 'failed files requeued');
        return json(202, result satisfies RetryFailedView);
      },
      'GET /api/sources/{sourceId}/files': async (request) => {
        const source = await mustGet(request.identity.tenantId, sourceIdOf(request));
        const query = parseWith(filesQuerySchema, request.query);
        const zone = parseTimeZone(query.zone, 'zone');
        // The token is a position in this very answer: good for this tenant, source and filters only.
        const binding = ['files', source.tenantId, source.id, query.status ?? '', query.camera ?? '', query.day ?? '', String(query.hour ?? ''), query.zone, query.q ?? ''];
        const offset = offsetOf(await deps().pageTokens.open(query.pageToken, binding));
        const answer = await queryTrackedFiles(deps().trackedFiles, source.tenantId, source.id, { ...query, zone, offset });
        const nextPageToken = await deps().pageTokens.seal(answer.nextOffset === null ? null : String(answer.nextOffset), binding);
        const renames = renamesOf(source);
        const stored = answer.items.filter((row) => row.status === 'done').map((row) => row.providerFileId);
        const processed = new Map((await deps().processingRecords.getMany(source.tenantId, source.id, stored)).map((record) => [record.providerFileId, record]));
        // Long names and paths repeat from row to row: gzipped, 24 files went from 12 KB to 1.4 KB; reloaded unchanged, a 304.
        return conditionalJson(request, {
          items: answer.items.map((row) => toTrackedFileView(row, renames, processed.get(row.providerFileId) ?? null)),
          nextPageToken,
          total: answer.total,
          truncated: answer.truncated,
        } satisfies TrackedFilesPageView);
      },
      'GET /api/sources/{sourceId}/summary': async (request) => {
        const source = await mustGet(request.identity.tenantId, sourceIdOf(request));
        return conditionalJson(request, (await summarizeSource(deps().trackedFiles, source.tenantId, source.id, renamesOf(source))) satisfies SourceSummaryView);
      },
      'GET /api/sources/{sourceId}/status': async (request) => {
        const source = await mustGet(request.identity.tenantId, sourceIdOf(request));
        const lastRun = source.lastRunId === null ? null : await deps().runs.get(source.tenantId, source.id, source.lastRunId);
        const transferring =
          lastRun?.status === 'running'
            ? (await deps().trackedFiles.listByStatus(source.tenantId, source.id, 'transferring', { limit: MOVING_SHOWN })).items
            : [];
        const failed = lastRun?.status === 'running' ? await failedInRun(deps().trackedFiles, lastRun) : undefined;
        // An agent's source: whether its agent still checks in, and what it last said of this source.
        const agentId = agentIdOf(source);
        const agent = agentId === null ? null : await deps().agents.get(source.tenantId, agentId);
        const agentView = agent === null ? null : toSourceAgentView(source, agent, deps().clock.now().getTime());
        return conditionalJson(request, toSourceStatusView(source, lastRun, transferring, failed, agentView) satisfies SourceStatusView);
      },
      'GET /api/sources/{sourceId}/runs': async (request) => {
        const source = await mustGet(request.identity.tenantId, sourceIdOf(request));
        const runs = await deps().runs.listRecent(source.tenantId, source.id, RUNS_PAGE);
        return conditionalJson(request, { items: runs.map(toRunView) } satisfies ListOf<RunView>);
      },
    },
    () => deps().logger,
    () => deps().accounts,
  );
}

const FAILED_PAGE = 100;
const FAILED_PAGES = 5;

/**
 * The running run's failed files and their sizes, read from the files that
 * failed most recently until one predates the run (failures are few; at most
 * 500 are counted).
 */
async function failedInRun(files: TrackedFileRepository, run: SyncRun): Promise<{ files: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  let pageToken: string | null = null;
  for (let pages = 0; pages < FAILED_PAGES; pages += 1) {
    const page = await files.listByStatus(run.tenantId, run.sourceId, 'failed', { limit: FAILED_PAGE, pageToken });
    for (const row of page.items) {
      if (row.updatedAt < run.startedAt) return { files: count, bytes };
      if (row.runId !== run.id) continue;
      count += 1;
      bytes += row.size ?? 0;
    }
    pageToken = page.nextPageToken;
    if (pageToken === null) break;
  }
  return { files: count, bytes };
}

/** A page token's position; anything else is a forged or foreign token. */
function offsetOf(opened: string | undefined): number {
  if (opened === undefined) return 0;
  if (!/^\d{1,6}$/.test(opened)) throw new ValidationError('pageToken', 'pageToken: not a token this listing gave');
  return Number(opened);
}

function driveOf(deps: SourcesApiDeps): ConnectionProviderDeps {
  return { connections: deps.googleConnections, oauth: deps.googleOAuth, sealer: deps.sealer, clock: deps.clock };
}

/** The tenant's camera renames of a Drive source (other types have none). */
function renamesOf(source: Source): Readonly<Record<string, string>> {
  return 'mapping' in source.config ? (source.config.mapping?.renames ?? {}) : {};
}

export const handler = makeHandler(appDependencies);
