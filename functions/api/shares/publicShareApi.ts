import type { SharedClipView } from '../../../core/api/eventsApi';
import { cameraNamesOf } from '../../../core/events/cameraNames';
import { openShareLink } from '../../../core/shares/shareLinks';
import type { Logger } from '../../../adapters/logging/logger';
import { publicHttpHandler } from '../../middleware/httpApiHandler';
import { json } from '../../middleware/httpTypes';
import { pathId } from '../../middleware/pathId';
import { appDependencies } from '../../wiring';
import { clipUrl, tenantZone, type EventsApiDeps } from '../events/eventsApi';

export type PublicShareDeps = Pick<EventsApiDeps, 'events' | 'shareLinks' | 'clipStorage' | 'sources' | 'accounts' | 'clock'> & { readonly logger: Logger };

/**
 * What a share link opens, for anyone holding the token and nobody else: the
 * order's codes, camera and time, and a short-lived URL of just that clip. An
 * unknown token is 404; an expired or revoked one 410, saying which.
 */
export function makeHandler(deps: () => PublicShareDeps) {
  return publicHttpHandler(
    {
      'GET /api/public/shares/{token}': async (request) => {
        const { link, event } = await openShareLink(pathId(request, 'token'), deps());
        const source = await deps().sources.get(link.tenantId, event.sourceId);
        const cameraName = cameraNamesOf(source === null ? [] : [source]).ofEvent(event);
        const zone = await tenantZone(deps().accounts, link.tenantId, source === null ? [] : [source]);
        const clip = await clipUrl(deps(), event, cameraName, zone, request.query['download'] === '1');
        return json(200, {
          trackingCodes: event.trackingCodes,
          cameraName,
          start: event.start,
          end: event.end,
          clip,
          expiresAt: link.expiresAt,
        } satisfies SharedClipView);
      },
    },
    () => deps().logger,
  );
}

export const handler = makeHandler(() => appDependencies());
