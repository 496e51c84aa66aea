import type { CameraDayView, CameraFrameView, ClipUrlView, EventView, ShareLinkView } from '../../../core/api/eventsApi';
import type { ListOf } from '../../../core/api/collections';
import { ConflictError, NotFoundError, ValidationError } from '../../../core/errors';
import { cameraNamesOf, type CameraNames } from '../../../core/events/cameraNames';
import { clipFileName } from '../../../core/events/clipFileName';
import { dayWindow } from '../../../core/events/dayWindow';
import { MIN_CODE_PREFIX } from '../../../core/events/checkEventsForWindow';
import { normalizeTrackingCode } from '../../../core/events/normalizeTrackingCode';
import type { ParcelEvent } from '../../../core/events/parcelEvent';
import { searchCodes } from '../../../core/events/searchCodes';
import { toEventView } from '../../../core/events/toEventView';
import { exportClips } from '../../../core/export/exportClips';
import type { GateAccounts } from '../../middleware/httpApiHandler';
import type { ClipStorage } from '../../../core/ports/clipStorage';
import type { Clock } from '../../../core/ports/clock';
import type { EventRepository } from '../../../core/ports/eventRepository';
import type { IdGenerator } from '../../../core/ports/idGenerator';
import type { ObjectPruner } from '../../../core/ports/objectPruner';
import type { ObjectStore } from '../../../core/ports/objectStore';
import type { SecretGenerator } from '../../../core/ports/secretGenerator';
import type { ShareLinkRepository } from '../../../core/ports/shareLinkRepository';
import type { ShareHolds } from '../../../core/ports/shareHolds';
import type { ObjectTagger } from '../../../core/ports/objectTagger';
import { releaseShareHold, retagClipHold, type ClipHoldDeps } from '../../../core/storage/clipHold';
import type { SourceRepository } from '../../../core/ports/sourceRepository';
import type { Source } from '../../../core/sources/source';
import type { TrackedFileRepository } from '../../../core/ports/trackedFileRepository';
import { newestFootageOf } from '../../../core/cameras/newestFootageOf';
import { createShareLink, listShareLinks, revokeShareLink, shareDays, shareKeep, sharePageUrl, toShareLinkView } from '../../../core/shares/shareLinks';
import { parseTimeZone, type TimeZone } from '../../../core/time/timeZone';
import type { Logger } from '../../../adapters/logging/logger';
import { authenticatedHttpHandler } from '../../middleware/httpApiHandler';
import type { AuditLog } from '../../../core/ports/auditLog';
import { recordAudit } from '../../../core/audit/recordAudit';
import { json, noContent, type AuthenticatedRequest } from '../../middleware/httpTypes';
import { pathId } from '../../middleware/pathId';
import { appDependencies } from '../../wiring';
import { readCodes } from './readCodes';

/** A clip URL lives this long: enough to watch and seek, short enough that a copied URL soon stops working. */
export const CLIP_URL_SECONDS = 900;
const PREFIX_LIMIT = 50;
const TIMELINE_LIMIT = 1000;

export interface EventsApiDeps {
  readonly events: EventRepository;
  readonly shareLinks: ShareLinkRepository & ShareHolds;
  /** A share link made with "keep" holds its clip: tags (`hold`) and the ledger's record of them. */
  readonly storageLedger: ClipHoldDeps['ledger'];
  readonly storageSettings: ClipHoldDeps['settings'];
  readonly tagger: ObjectTagger;
  readonly clipStorage: ClipStorage;
  readonly objectStore: Pick<ObjectStore, 'createMultipartUpload' | 'uploadPart' | 'completeMultipartUpload' | 'abortMultipartUpload'>;
  readonly sources: Pick<SourceRepository, 'list' | 'get'>;
  readonly accounts: GateAccounts;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly secrets: Pick<SecretGenerator, 'credentialSecret'>;
  readonly logger: Logger;
  readonly publicUrl: string | null;
  readonly objectPruner: ObjectPruner;
  /** Who created and revoked share links and made exports. */
  readonly audit: AuditLog;
  readonly trackedFiles: Pick<TrackedFileRepository, 'listByStatus'>;
}

/**
 * The zone file names and the day timeline are in: the tenant's (Settings); when
 * unset, the zone the viewer's page shows times in (`viewerZone`, sent by the
 * web app, so a download is named with the time the page showed); else the
 * cameras' clock of the given sources (their mappings) if they agree, as a
 * shop's cameras run on the shop's clock; else UTC.
 */
export async function tenantZone(accounts: EventsApiDeps['accounts'], tenantId: string, sources: readonly Source[] = [], viewerZone: TimeZone | null = null): Promise<TimeZone> {
  const tenantsOwn = (await accounts.getTenant(tenantId))?.timeZone;
  if ((tenantsOwn === undefined || tenantsOwn === null) && viewerZone !== null) return viewerZone;
  const camerasZones = new Set(sources.map((source) => ('mapping' in source.config ? source.config.mapping?.timeZone : undefined)).filter((zone) => zone !== undefined));
  const fallback = camerasZones.size === 1 ? [...camerasZones][0] : undefined;
  const zone = tenantsOwn ?? fallback ?? 'UTC';
  try {
    return parseTimeZone(zone);
  } catch {
    return parseTimeZone('UTC');
  }
}

/** The optional `zone` query parameter: the zone the viewer's page shows times in; a bad one is refused, naming the field. */
function viewerZoneOf(request: AuthenticatedRequest): TimeZone | null {
  const zone = request.query['zone'];
  return zone === undefined || zone === '' ? null : parseTimeZone(zone, 'zone');
}

async function camerasOf(deps: EventsApiDeps, tenantId: string): Promise<CameraNames> {
  return cameraNamesOf(await deps.sources.list(tenantId));
}

/** A clip's presigned URL and the order's file name; 409 when the clip cannot play (yet). */
export async function clipUrl(deps: Pick<EventsApiDeps, 'clipStorage' | 'clock'>, event: ParcelEvent, cameraName: string, zone: TimeZone, download: boolean): Promise<ClipUrlView> {
  if (event.clip.state !== 'ready' || event.clip.s3Key === null) {
    const why: Record<ParcelEvent['clip']['state'], string> = {
      pending: 'The clip of this order is still being cut. Try again in a few minutes.',
      failed: `The clip of this order could not be cut${event.clip.error === null ? '' : `: ${event.clip.error}`}.`,
      footage_expired: 'The footage of this order was removed by your retention setting before its clip was cut.',
      ready: 'The clip of this order is not stored.',
    };
    throw new ConflictError(why[event.clip.state]);
  }
  const fileName = clipFileName({ code: event.trackingCodes[0] ?? event.id, cameraName, clipStart: event.clipStart, zone });
  const url = await deps.clipStorage.signedGetUrl(event.clip.s3Key, { expiresInSec: CLIP_URL_SECONDS, ...(download ? { downloadName: fileName } : {}) });
  return { url, fileName, expiresAt: new Date(deps.clock.now().getTime() + CLIP_URL_SECONDS * 1000).toISOString() };
}

function flag(request: AuthenticatedRequest, name: string): boolean {
  const value = request.query[name];
  if (value === undefined || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new ValidationError(name, `${name}: must be 1 or 0`);
}

/** Search, one order, its clip, its share links, the bulk export and a camera's day: everything a shop does with found orders. */
export function makeHandler(deps: () => EventsApiDeps) {
  const eventOf = async (request: AuthenticatedRequest): Promise<ParcelEvent> => {
    const event = await deps().events.get(request.identity.tenantId, pathId(request, 'eventId'));
    if (event === null) throw new NotFoundError('no such order clip');
    return event;
  };
  const clipHoldDeps = (): ClipHoldDeps => {
    const d = deps();
    return { ledger: d.storageLedger, tagger: d.tagger, settings: d.storageSettings, events: d.events, shareLinks: d.shareLinks, clock: d.clock };
  };
  const shareView = (link: Parameters<typeof toShareLinkView>[0], token: string | null): ShareLinkView =>
    toShareLinkView(link, token === null ? null : sharePageUrl(deps().publicUrl ?? '', token));

  return authenticatedHttpHandler(
    {
      'POST /api/events/search': async (request) => {
        const split = readCodes(request.body);
        const tenantId = request.identity.tenantId;
        return json(200, await searchCodes(tenantId, split, { events: deps().events, cameras: await camerasOf(deps(), tenantId) }));
      },
      'GET /api/events': async (request) => {
        const prefix = normalizeTrackingCode(request.query['prefix'] ?? '');
        if (prefix.length < MIN_CODE_PREFIX || prefix.length > 64) {
          throw new ValidationError('prefix', `prefix: type at least ${MIN_CODE_PREFIX} characters of the code (at most 64)`);
        }
        const tenantId = request.identity.tenantId;
        const [events, cameras] = await Promise.all([deps().events.findByCodePrefix(tenantId, prefix, PREFIX_LIMIT), camerasOf(deps(), tenantId)]);
        return json(200, { items: events.map((event) => toEventView(event, cameras.ofEvent(event))) } satisfies ListOf<EventView>);
      },
      'GET /api/events/{eventId}': async (request) => {
        const event = await eventOf(request);
        const cameras = await camerasOf(deps(), request.identity.tenantId);
        return json(200, toEventView(event, cameras.ofEvent(event)));
      },
      'GET /api/events/{eventId}/clip': async (request) => {
        const download = flag(request, 'download');
        const viewerZone = viewerZoneOf(request);
        const event = await eventOf(request);
        const tenantId = request.identity.tenantId;
        const sources = await deps().sources.list(tenantId);
        const zone = await tenantZone(deps().accounts, tenantId, sources.filter((source) => source.id === event.sourceId), viewerZone);
        const cameras = cameraNamesOf(sources);
        return json(200, await clipUrl(deps(), event, cameras.ofEvent(event), zone, download));
      },
      'POST /api/events/{eventId}/shares': async (request) => {
        const eventId = pathId(request, 'eventId');
        const body = request.body ?? {};
        if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ValidationError('body', 'body: must be an object such as {"days": 7}');
        const extra = Object.keys(body).find((key) => key !== 'days' && key !== 'keep');
        if (extra !== undefined) throw new ValidationError(extra, `${extra}: not a field of a share link; send days and keep`);
        const days = shareDays((body as { days?: unknown }).days);
        const keep = shareKeep((body as { keep?: unknown }).keep);
        const { link, token } = await createShareLink({ tenantId: request.identity.tenantId, userId: request.identity.userId, eventId, days, keep }, deps());
        // A keeping link holds the clip at once: retention skips it until the link is turned off or expires.
        if (keep) await retagClipHold(clipHoldDeps(), link.tenantId, eventId);
        deps().logger.info({ tenantId: link.tenantId, eventId, shareId: link.id, days, keep }, 'share link created');
        await recordAudit(deps(), request.identity, 'share.created', { type: 'share', id: link.id, name: eventId }, { days, keep });
        return json(201, shareView(link, token));
      },
      'GET /api/events/{eventId}/shares': async (request) => {
        const links = await listShareLinks(request.identity.tenantId, pathId(request, 'eventId'), deps());
        return json(200, { items: links.map((link) => shareView(link, null)) } satisfies ListOf<ShareLinkView>);
      },
      'DELETE /api/events/{eventId}/shares/{shareId}': async (request) => {
        const eventId = pathId(request, 'eventId');
        const shareId = pathId(request, 'shareId');
        const link = await revokeShareLink(request.identity.tenantId, eventId, shareId, deps());
        // A keeping link's hold ends with it, unless the order itself (or another working link) still keeps the clip.
        await releaseShareHold({ ...clipHoldDeps(), holds: deps().shareLinks }, link);
        deps().logger.info({ tenantId: request.identity.tenantId, eventId, shareId }, 'share link revoked');
        await recordAudit(deps(), request.identity, 'share.revoked', { type: 'share', id: shareId, name: eventId });
        return noContent();
      },
      'POST /api/events/export': async (request) => {
        const split = readCodes(request.body);
        const viewerZone = viewerZoneOf(request);
        const tenantId = request.identity.tenantId;
        const sources = await deps().sources.list(tenantId);
        const [cameras, zone] = [cameraNamesOf(sources), await tenantZone(deps().accounts, tenantId, sources, viewerZone)];
        const view = await exportClips(tenantId, split, zone, { ...deps(), cameras, clips: deps().clipStorage, store: deps().objectStore, pruner: deps().objectPruner });
        deps().logger.info({ tenantId, clips: view.clips, bytes: view.bytes }, 'clips exported');
        await recordAudit(deps(), request.identity, 'export.made', { type: 'export', id: view.fileName, name: view.fileName }, { clips: view.clips, found: view.found, notFound: view.notFound });
        return json(200, view);
      },
      'GET /api/sources/{sourceId}/cameras/{cameraId}/frame': async (request) => {
        const tenantId = request.identity.tenantId;
        const sourceId = pathId(request, 'sourceId');
        const cameraId = pathId(request, 'cameraId');
        if ((await deps().sources.get(tenantId, sourceId)) === null) throw new NotFoundError('no such source');
        const file = await newestFootageOf(deps().trackedFiles, tenantId, sourceId, cameraId);
        if (file === null || file.s3Key === null) throw new NotFoundError('No footage of this camera is stored yet. Sync the source first, then draw the region on one of its frames.');
        const url = await deps().clipStorage.signedGetUrl(file.s3Key, { expiresInSec: CLIP_URL_SECONDS });
        return json(200, { url, fileName: file.name, atSec: 1, expiresAt: new Date(deps().clock.now().getTime() + CLIP_URL_SECONDS * 1000).toISOString() } satisfies CameraFrameView);
      },
      'GET /api/sources/{sourceId}/cameras/{cameraId}/events': async (request) => {
        const tenantId = request.identity.tenantId;
        const sourceId = pathId(request, 'sourceId');
        const cameraId = pathId(request, 'cameraId');
        const day = request.query['day'];
        if (day === undefined) throw new ValidationError('day', 'day: say which day, written YYYY-MM-DD');
        const viewerZone = viewerZoneOf(request);
        const source = await deps().sources.get(tenantId, sourceId);
        if (source === null) throw new NotFoundError('no such source');
        const zone = await tenantZone(deps().accounts, tenantId, [source], viewerZone);
        const { from, to } = dayWindow(day, zone);
        const cameras = cameraNamesOf([source]);
        const events = await deps().events.listByCamera({ tenantId, sourceId, cameraId, from, to }, TIMELINE_LIMIT);
        return json(200, {
          day,
          timeZone: zone.id,
          from,
          to,
          items: events.map((event) => toEventView(event, cameras.ofEvent(event))),
        } satisfies CameraDayView);
      },
    },
    () => deps().logger,
    () => deps().accounts,
  );
}

export const handler = makeHandler(() => {
  const app = appDependencies();
  return { ...app, publicUrl: app.config.publicUrl };
});
