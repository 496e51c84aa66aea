import { z } from 'zod';
import type { CameraHealthHistoryView, CamerasHealthView } from '../../../core/api/cameraHealthApi';
import { AGENT_HEARTBEAT_SECONDS, type CameraHealthProblemKind } from '../../../core/cameraHealth/assessCameraHealth';
import { ALERTING_KINDS, healthAlerts, type CameraAlertDismissal } from '../../../core/cameraHealth/healthAlerts';
import { judgeCameraHealth, type JudgeCameraHealthDeps } from '../../../core/cameraHealth/judgeCameraHealth';
import { ConflictError, NotFoundError, ValidationError } from '../../../core/errors';
import { parseWith } from '../../../core/validation/parseWith';
import type { Clock } from '../../../core/ports/clock';
import type { SiteCameraRepository } from '../../../core/ports/siteCameraRepository';
import type { Logger } from '../../../adapters/logging/logger';
import { authenticatedHttpHandler, type GateAccounts } from '../../middleware/httpApiHandler';
import { json } from '../../middleware/httpTypes';
import { appDependencies } from '../../wiring';

export interface CameraHealthApiDeps extends Omit<JudgeCameraHealthDeps, 'history'> {
  readonly cameraHealth: JudgeCameraHealthDeps['history'];
  readonly clock: Clock;
  readonly logger: Logger;
  readonly accounts: GateAccounts;
  readonly siteCameras: Pick<SiteCameraRepository, 'list'>;
}

const MAX_HISTORY_DAYS = 30;
const CAMERA_KEY = /^(agent|source):[A-Za-z0-9_-]{1,100}\/[A-Za-z0-9_ .-]{1,200}$/;

const dismissalSchema = z.strictObject({
  camera: z.string().regex(CAMERA_KEY, 'must be a camera key such as agent:<agentId>/<cameraId>'),
  kind: z.enum(ALERTING_KINDS as [CameraHealthProblemKind, ...CameraHealthProblemKind[]]),
  since: z.iso.datetime(),
});

/**
 * Camera health for every member: each camera's health now (recorded cameras
 * and Drive or local-folder cameras alike), the alerts shown on sign-in, and
 * the last 30 days of changes. Judging stores each change as it is found.
 * Any member may dismiss an alert: that camera's incident of that problem is
 * then hidden on every device of the tenant, until the problem begins again.
 */
export function makeHandler(deps: () => CameraHealthApiDeps) {
  const judge = (tenantId: string, nowMs: number) => judgeCameraHealth({ ...deps(), history: deps().cameraHealth }, tenantId, nowMs, AGENT_HEARTBEAT_SECONDS);
  return authenticatedHttpHandler(
    {
      'GET /api/cameras/health': async (request) => {
        const nowMs = deps().clock.now().getTime();
        const [judged, dismissed, added] = await Promise.all([judge(request.identity.tenantId, nowMs), deps().cameraHealth.dismissals(request.identity.tenantId), deps().siteCameras.list(request.identity.tenantId)]);
        // A camera added from the Cameras page has its name, and its own source from the start (before any of its footage was counted): on its card and in its alerts alike.
        const named = judged.map((one) => {
          const site = added.find((candidate) => candidate.agentId === one.camera.agentId && candidate.id === one.camera.cameraId);
          return site === undefined ? one : { ...one, cameraName: site.name, camera: { ...one.camera, sourceId: site.sourceId } };
        });
        const cameras = named.map(({ camera, cameraName, placeName, health }) => ({ key: camera.key, cameraId: camera.cameraId, cameraName, placeName, agentId: camera.agentId, sourceId: camera.sourceId, health }));
        return json(200, { cameras, alerts: healthAlerts(named, nowMs, dismissed) } satisfies CamerasHealthView);
      },
      'POST /api/cameras/health/dismissals': async (request) => {
        const { camera, kind, since } = parseWith(dismissalSchema, request.body);
        const tenantId = request.identity.tenantId;
        const state = (await deps().cameraHealth.states(tenantId)).find((s) => s.key === camera);
        if (state === undefined) throw new NotFoundError('camera: no such camera has a health state');
        // Only the incident going on: an old alert shown on a page left open must not hide the next one.
        if (state.since[kind] !== since) throw new ConflictError('since: that problem has ended or begun again; load the alerts again');
        const dismissal = { cameraKey: camera, kind, since, by: request.identity.userId, at: deps().clock.now().toISOString() };
        await deps().cameraHealth.dismiss(tenantId, dismissal);
        deps().logger.info({ tenantId, cameraKey: camera, kind, since }, 'camera health alert dismissed');
        return json(200, dismissal satisfies CameraAlertDismissal);
      },
      'GET /api/cameras/health/history': async (request) => {
        const days = historyDays(request.query['days']);
        const camera = request.query['camera'];
        if (camera !== undefined && !CAMERA_KEY.test(camera)) {
          throw new ValidationError('camera', 'camera: must be a camera key such as source:<sourceId>/<cameraId>');
        }
        const nowMs = deps().clock.now().getTime();
        // Judge first, so a change that happened since anyone last looked is in the answer.
        await judge(request.identity.tenantId, nowMs);
        const changes = await deps().cameraHealth.changes(request.identity.tenantId, new Date(nowMs - days * 86_400_000).toISOString());
        const view = changes.filter((change) => camera === undefined || change.camera.key === camera).reverse();
        return json(200, { days, changes: view } satisfies CameraHealthHistoryView);
      },
    },
    () => deps().logger,
    () => deps().accounts,
  );
}

function historyDays(value: string | undefined): number {
  if (value === undefined) return MAX_HISTORY_DAYS;
  const days = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(days >= 1 && days <= MAX_HISTORY_DAYS)) throw new ValidationError('days', `days: must be a whole number of days from 1 to ${MAX_HISTORY_DAYS}`);
  return days;
}

export const handler = makeHandler(() => appDependencies());
