import { z } from 'zod';
import { AGENT_HEARTBEAT_SECONDS } from '../../core/cameraHealth/assessCameraHealth';
import { judgeWatchedTenants } from '../../core/cameraHealth/judgeWatchedTenants';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';

/** The EventBridge rule's period (the catalogue's 'every-minute'). */
export const CAMERA_HEALTH_PERIOD_MS = 60_000;
/** Tenants judged at once: each is four small queries and a write per change. */
const CONCURRENCY = 4;
const SAFETY_MARGIN_MS = 10_000;

/**
 * Scheduled every minute: judges every camera of every tenant on the watch
 * list (a sparse index, never a scan), stores each change of health in the
 * camera's history and raises the sign-in alerts that began to show since the
 * last run (logged once each, `camera health alert raised`, for a metric
 * filter). A page read judges the same way in between; both write a state only
 * over the version they read, so they never store one change twice.
 */
export type CameraHealthScheduleDeps = Pick<AppDependencies, 'clock' | 'logger' | 'agents' | 'sources' | 'cameraReads' | 'cameraHealth' | 'cameraHealthWatch'>;

export function makeHandler(deps: () => CameraHealthScheduleDeps) {
  return taskHandler(
    'CameraHealthSchedule',
    z.object({}).passthrough(),
    async (_input, context) => {
      const app = deps();
      const nowMs = app.clock.now().getTime();
      const result = await judgeWatchedTenants(
        { agents: app.agents, sources: app.sources, cameraReads: app.cameraReads, history: app.cameraHealth, watchList: app.cameraHealthWatch },
        {
          nowMs,
          previousMs: nowMs - CAMERA_HEALTH_PERIOD_MS,
          heartbeatSeconds: AGENT_HEARTBEAT_SECONDS,
          concurrency: CONCURRENCY,
          deadlineMs: Date.now() + Math.max(1_000, context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS),
          wallMs: () => Date.now(),
        },
      );
      for (const alert of result.raised) {
        app.logger.warn({ tenantId: alert.tenantId, cameraKey: alert.cameraKey, kind: alert.problem.kind, since: alert.since }, 'camera health alert raised');
      }
      for (const { tenantId, error } of result.failed) app.logger.error({ tenantId, err: error }, 'camera health judgement failed');
      if (result.skipped > 0) app.logger.warn({ skipped: result.skipped }, 'camera health judgement ran out of time; the rest go first next run');
      return { tenants: result.tenants, cameras: result.cameras, unwatched: result.unwatched, skipped: result.skipped, failed: result.failed.length, raised: result.raised.length };
    },
    () => deps().logger,
  );
}

export const handler = makeHandler(appDependencies);
