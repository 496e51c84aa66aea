import type { CameraRequestView, SiteCameraView, SiteCamerasView } from '../../../core/api/cameraOnboardingApi';
import {
  addCamera,
  cameraRequestView,
  editCamera,
  mustGetCamera,
  mustGetRequest,
  noteInterest,
  requestCameraSnapshot,
  requestProbe,
  requestProbeSnapshot,
  siteCameraViews,
  type CameraOnboardingDeps,
} from '../../../core/cameras/cameraOnboarding';
import { editCameraSchema, removeCameraQuerySchema, type EditCameraInput } from '../../../core/cameras/cameraOnboardingSchemas';
import { deleteSource, type DeleteSourceDeps } from '../../../core/sources/deleteSource';
import { parseWith } from '../../../core/validation/parseWith';
import type { Logger } from '../../../adapters/logging/logger';
import { recordAudit } from '../../../core/audit/recordAudit';
import type { AuditLog } from '../../../core/ports/auditLog';
import type { SiteCamera } from '../../../core/cameras/siteCamera';
import { authenticatedHttpHandler, type GateAccounts } from '../../middleware/httpApiHandler';
import { json, type AuthenticatedRequest } from '../../middleware/httpTypes';
import { pathId } from '../../middleware/pathId';
import { appDependencies } from '../../wiring';

export interface CameraOnboardingApiDeps extends CameraOnboardingDeps, DeleteSourceDeps {
  readonly logger: Logger;
  readonly audit: AuditLog;
  readonly accounts: GateAccounts;
}

const cameraIdOf = (request: AuthenticatedRequest): string => pathId(request, 'cameraId');
const target = (camera: Pick<SiteCamera, 'id' | 'name'>) => ({ type: 'camera', id: camera.id, name: camera.name });

/** JSON with object keys sorted: a stored map may come back with its keys in another order. */
const sorted = (value: unknown): string => JSON.stringify(value, (_key, inner: unknown) => (inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner));

/**
 * What a PATCH changed, as the audit trail words it: only fields whose value differs (the web form
 * sends them all), pausing and resuming apart from other edits, and a probe as a new user name and password.
 */
function changedFields(before: SiteCamera, input: EditCameraInput): { paused: boolean | undefined; fields: string } {
  const was: Record<string, unknown> = { name: before.name, profileToken: before.profile.token, schedule: before.schedule, segmentSeconds: before.segmentSeconds, roi: before.roi ?? null };
  const fields = Object.entries(input)
    .filter(([key, value]) => key !== 'paused' && value !== undefined && (key === 'probeId' || sorted(value) !== sorted(was[key])))
    .map(([key]) => (key === 'probeId' ? 'username, password' : key))
    .sort()
    .join(', ');
  return { paused: input.paused === undefined || input.paused === before.paused ? undefined : input.paused, fields };
}

/**
 * Adding cameras from the web app: ask the site's agent to connect to a camera
 * (a probe) and to take a snapshot, read its answers, add the camera with a
 * profile, edit, pause, and remove it (footage kept unless asked). Requests
 * reach the agent through the camera request channel (functions/api/agent/agentCameraRoutes.ts).
 */
export function makeHandler(deps: () => CameraOnboardingApiDeps) {
  const view = async (tenantId: string, cameraId: string): Promise<SiteCameraView> => {
    const found = (await siteCameraViews(deps(), tenantId)).find((camera) => camera.cameraId === cameraId);
    if (found === undefined) return Promise.reject(new Error('a camera just stored could not be read back'));
    return found;
  };
  return authenticatedHttpHandler(
    {
      'GET /api/cameras/added': async ({ identity }) => {
        await noteInterest(deps(), identity.tenantId);
        return json(200, { items: await siteCameraViews(deps(), identity.tenantId) } satisfies SiteCamerasView);
      },
      'POST /api/cameras/probes': async ({ identity, body }) => {
        const request = await requestProbe(deps(), identity.tenantId, body);
        deps().logger.info({ tenantId: identity.tenantId, requestId: request.id, agentId: request.agentId }, 'camera probe requested');
        return json(202, (await cameraRequestView(deps(), request)) satisfies CameraRequestView);
      },
      'POST /api/cameras/probes/{requestId}/snapshot': async (request) => {
        const made = await requestProbeSnapshot(deps(), request.identity.tenantId, pathId(request, 'requestId'), request.body);
        return json(202, (await cameraRequestView(deps(), made)) satisfies CameraRequestView);
      },
      'GET /api/cameras/requests/{requestId}': async (request) => {
        const stored = await mustGetRequest(deps(), request.identity.tenantId, pathId(request, 'requestId'));
        return json(200, (await cameraRequestView(deps(), stored)) satisfies CameraRequestView);
      },
      'POST /api/cameras': async ({ identity, body }) => {
        const camera = await addCamera(deps(), identity.tenantId, body);
        deps().logger.info({ tenantId: identity.tenantId, cameraId: camera.id, agentId: camera.agentId, sourceId: camera.sourceId }, 'camera added');
        await recordAudit(deps(), identity, 'camera.added', target(camera), { address: `${camera.host}:${camera.port}`, profile: camera.profile.name });
        return json(201, await view(identity.tenantId, camera.id));
      },
      'PATCH /api/cameras/{cameraId}': async (request) => {
        const input = parseWith(editCameraSchema, request.body); // bad input is named before a missing camera
        const before = await mustGetCamera(deps(), request.identity.tenantId, cameraIdOf(request));
        const camera = await editCamera(deps(), request.identity.tenantId, cameraIdOf(request), request.body);
        const { paused, fields } = changedFields(before, input);
        if (fields !== '') await recordAudit(deps(), request.identity, 'camera.edited', target(camera), { fields });
        if (paused !== undefined) await recordAudit(deps(), request.identity, paused ? 'camera.paused' : 'camera.resumed', target(camera));
        return json(200, await view(request.identity.tenantId, camera.id));
      },
      'POST /api/cameras/{cameraId}/snapshot': async (request) => {
        const made = await requestCameraSnapshot(deps(), request.identity.tenantId, cameraIdOf(request));
        return json(202, (await cameraRequestView(deps(), made)) satisfies CameraRequestView);
      },
      'DELETE /api/cameras/{cameraId}': async (request) => {
        const { keepFootage } = parseWith(removeCameraQuerySchema, request.query);
        const tenantId = request.identity.tenantId;
        const camera = await mustGetCamera(deps(), tenantId, cameraIdOf(request));
        // The agent stops recording at its next configuration; footage and its orders stay searchable under the source.
        await deps().siteCameras.delete(tenantId, camera.id);
        const now = deps().clock.now().toISOString();
        if (keepFootage === 'false') await deleteSource(deps(), request.identity, camera.sourceId, { keepFootage: false });
        else await deps().sources.update(tenantId, camera.sourceId, { status: 'paused', statusMessage: 'Camera removed; its footage is kept', statusMessageCode: 'camera_removed', nextSyncAt: null }, now).catch(() => undefined);
        deps().logger.info({ tenantId, cameraId: camera.id, keepFootage: keepFootage !== 'false' }, 'camera removed');
        await recordAudit(deps(), request.identity, 'camera.removed', target(camera), { keepFootage: keepFootage !== 'false' });
        return json(200, { cameraId: camera.id, keepFootage: keepFootage !== 'false' });
      },
    },
    () => deps().logger,
    () => deps().accounts,
  );
}

export const handler = makeHandler(() => {
  const app = appDependencies();
  return { ...app, files: app.trackedFiles };
});
