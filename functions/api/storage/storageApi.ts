import type { KeepFlagView, StorageView } from '../../../core/api/storageApi';
import { describeStorage, getKeepFlag, setKeepFlag, updateStorage, type StorageServiceDeps } from '../../../core/storage/storageService';
import type { AccountRepository } from '../../../core/ports/accountRepository';
import type { Logger } from '../../../adapters/logging/logger';
import { authenticatedHttpHandler } from '../../middleware/httpApiHandler';
import { json } from '../../middleware/httpTypes';
import { pathId } from '../../middleware/pathId';
import { appDependencies, type AppDependencies } from '../../wiring';

export type StorageApiDeps = StorageServiceDeps & { readonly logger: Logger; readonly accounts: AccountRepository };

export function storageDepsFrom(app: AppDependencies): StorageApiDeps {
  return { ledger: app.storageLedger, tagger: app.tagger, settings: app.storageSettings, events: app.events, clock: app.clock, audit: app.audit, ids: app.ids, logger: app.logger, accounts: app.accounts, shareLinks: app.shareLinks, sources: app.sources };
}

/**
 * The Storage page: retention (tenant and per source), usage of the last 90
 * days with the month's estimated cost and what retention saves, re-tagging
 * progress, the usage alert; and the keep flag of an order under dispute.
 */
export function makeHandler(deps: () => StorageApiDeps) {
  return authenticatedHttpHandler(
    {
      'GET /api/storage': async ({ identity }) => json(200, (await describeStorage(deps(), identity.tenantId)) satisfies StorageView),
      'PATCH /api/storage': async ({ identity, body }) => json(200, (await updateStorage(deps(), identity, body)) satisfies StorageView),
      'GET /api/events/{eventId}/keep': async (request) =>
        json(200, (await getKeepFlag(deps(), request.identity.tenantId, pathId(request, 'eventId'))) satisfies KeepFlagView),
      'PUT /api/events/{eventId}/keep': async (request) => {
        const view = await setKeepFlag(deps(), request.identity, pathId(request, 'eventId'), request.body);
        deps().logger.info({ tenantId: request.identity.tenantId, eventId: view.eventId, keep: view.keep }, 'keep flag set');
        return json(200, view satisfies KeepFlagView);
      },
    },
    () => deps().logger,
    () => deps().accounts,
  );
}

export const handler = makeHandler(() => storageDepsFrom(appDependencies()));
