import type { CameraHealthHistoryView, CamerasHealthView } from '../../../core/api/cameraHealthApi';
import { healthAlerts } from '../../../core/cameraHealth/healthAlerts';
import { judgeCameraHealth, type JudgeCameraHealthDeps } from '../../../core/cameraHealth/judgeCameraHealth';
import { ValidationError } from '../../../core/errors';
import type { Clock } from '../../../core/ports/clock';
import type { Logger } from '../../../adapters/logging/logger';
import { authenticatedHttpHandler, type GateAccounts } from '../../middleware/httpApiHandler';
import { json } from '../../middleware/httpTypes';
import { appDependencies } from '../../wiring';

export interface CameraHealthApiDeps extends Omit<JudgeCameraHealthDeps, 'history'> {
  readonly cameraHealth: JudgeCameraHealthDeps['history'];
  readonly clock: Clock;
  readonly logger: Logger;
  readonly accounts: GateAccounts;
}

/** How often agents report (core/agents/agentConfigFor hands out 60 s). */
const HEARTBEAT_SECONDS = 60;
const MAX_HISTORY_DAYS = 30;

/**
 * Camera health for every member: each camera's health now (recorded cameras
 * and Drive or local-folder cameras alike), the alerts shown on sign-in, and
 * the last 30 days of changes. Judging stores each change as it is found.
 */
export function makeHandler(deps: () => CameraHealthApiDeps) {
  const judge = (tenantId: string, nowMs: number) => judgeCameraHealth({ ...deps(), history: deps().cameraHealth }, tenantId, nowMs, HEARTBEAT_SECONDS);
  return authenticatedHttpHandler(
    {
      'GET /api/cameras/health': async (request) => {
        const nowMs = deps().clock.now().getTime();
        const judged = await judge(request.identity.tenantId, nowMs);
        const cameras = judged.map(({ camera, cameraName, placeName, health }) => ({ key: camera.key, cameraId: camera.cameraId, cameraName, placeName, agentId: camera.agentId, sourceId: camera.sourceId, health }));
        return json(200, { cameras, alerts: healthAlerts(judged, nowMs) } satisfies CamerasHealthView);
      },
      'GET /api/cameras/health/history': async (request) => {
        const days = historyDays(request.query['days']);
        const camera = request.query['camera'];
        if (camera !== undefined && !/^(agent|source):[A-Za-z0-9_-]{1,100}\/[A-Za-z0-9_ .-]{1,200}$/.test(camera)) {
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
