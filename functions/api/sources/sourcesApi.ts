import { z } from 'zod';
import { NotFoundError } from '../../../core/errors';
import type { TrackedFileRepository } from '../../../core/ports/trackedFileRepository';
import { trackedFileStatuses } from '../../../core/sync/trackedFile';
import { toTrackedFileView } from '../../../core/sync/trackedFileView';
import { summarizeSource } from '../../../core/sync/summarizeSource';
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
import type { ObjectStore } from '../../../core/ports/objectStore';
import type { Source } from '../../../core/sources/source';
import { toRunView, toSourceView } from '../../../core/sources/sourceView';
import type { ListOf, Paged } from '../../../core/api/collections';
import type { RetryFailedView, RunView, SourceDeletionStartedView, SourceSummaryView, SourceView, SyncRequestedView, TrackedFileView } from '../../../core/api/sourcesApi';
import { retryFailedFiles } from '../../../core/sync/retryFailedFiles';
import { updateSource } from '../../../core/sources/updateSource';
import { requestSync } from '../../../core/sync/requestSync';
import type { Logger } from '../../../adapters/logging/logger';
import { authenticatedHttpHandler } from '../../middleware/httpApiHandler';
import { json, type AuthenticatedRequest } from '../../middleware/httpTypes';
import { pathId } from '../../middleware/pathId';
import type { PageTokens } from '../../../core/ports/pageTokens';
import type { AccountRepository } from '../../../core/ports/accountRepository';
import { appDependencies } from '../../wiring';

const filesQuerySchema = z.strictObject({
  status: z.enum(trackedFileStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  pageToken: z.string().max(2048).optional(),
});

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
  readonly pageTokens: PageTokens;
  /** Only to refuse tokens of a tenant that does not exist. */
  readonly accounts: Pick<AccountRepository, 'getTenant'>;
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
      'POST /api/sources': async ({ identity, body }) => json(201, (await view(await createSource(deps(), identity, body))) satisfies SourceView),
      'GET /api/sources/{sourceId}': async (request) => json(200, await view(await mustGet(request.identity.tenantId, sourceIdOf(request)))),
      'PATCH /api/sources/{sourceId}': async (request) =>
        json(200, await view(await updateSource(deps(), request.identity, sourceIdOf(request), request.body))),
      'DELETE /api/sources/{sourceId}': async (request) => {
        const { keepFootage } = parseWith(deleteQuerySchema, request.query);
        const progress = await deleteSource({ ...deps(), files: deps().trackedFiles }, request.identity, sourceIdOf(request), {
          keepFootage: keepFootage !== 'false',
        });
        deps().logger.info({ tenantId: request.identity.tenantId, sourceId: sourceIdOf(request), ...progress }, progress.done ? 'source deleted' : 'source deletion under way');
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
        // The token is good for this tenant, source and status filter only.
        const binding = ['files', source.tenantId, source.id, query.status ?? ''];
        const page = { limit: query.limit, pageToken: (await deps().pageTokens.open(query.pageToken, binding)) ?? null };
        const result =
          query.status === undefined
            ? await deps().trackedFiles.list(source.tenantId, source.id, page)
            : await deps().trackedFiles.listByStatus(source.tenantId, source.id, query.status, page);
        const nextPageToken = await deps().pageTokens.seal(result.nextPageToken, binding);
        return json(200, { items: result.items.map(toTrackedFileView), nextPageToken } satisfies Paged<TrackedFileView>);
      },
      'GET /api/sources/{sourceId}/summary': async (request) => {
        const source = await mustGet(request.identity.tenantId, sourceIdOf(request));
        return json(200, (await summarizeSource(deps().trackedFiles, source.tenantId, source.id)) satisfies SourceSummaryView);
      },
      'GET /api/sources/{sourceId}/runs': async (request) => {
        const source = await mustGet(request.identity.tenantId, sourceIdOf(request));
        const runs = await deps().runs.listRecent(source.tenantId, source.id, RUNS_PAGE);
        return json(200, { items: runs.map(toRunView) } satisfies ListOf<RunView>);
      },
    },
    () => deps().logger,
    () => deps().accounts,
  );
}

export const handler = makeHandler(appDependencies);
