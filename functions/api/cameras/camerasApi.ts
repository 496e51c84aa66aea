import { assessCameraHealth } from '../../../core/cameraHealth/assessCameraHealth';
import { readsFromDays } from '../../../core/cameraHealth/readsFromDays';
import { deviceFailure } from '../../../core/cameras/deviceFailure';
import { nvrFollowBehindSeconds } from '../../../core/cameras/nvrFollowBehind';
import type { CameraReadCounters } from '../../../core/ports/cameraReadCounters';
import type { CamerasView, DiscoveredCameraView, RecordedCameraView } from '../../../core/api/camerasApi';
import type { AgentRepository } from '../../../core/ports/agentRepository';
import type { Clock } from '../../../core/ports/clock';
import type { Logger } from '../../../adapters/logging/logger';
import { authenticatedHttpHandler, type GateAccounts } from '../../middleware/httpApiHandler';
import { json } from '../../middleware/httpTypes';
import { appDependencies } from '../../wiring';

export interface CamerasApiDeps {
  readonly agents: AgentRepository;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly accounts: GateAccounts;
  readonly cameraReads: CameraReadCounters;
}

/** How often agents report (core/agents/agentConfigFor hands out 60 s). */
const HEARTBEAT_SECONDS = 60;

/**
 * The tenant's cameras as its agents report them: ONVIF devices found on each
 * site's LAN (for onboarding) and the cameras being recorded, each with its
 * health (core/cameraHealth). Read from the agents' last heartbeats.
 */
export function makeHandler(deps: () => CamerasApiDeps) {
  return authenticatedHttpHandler(
    {
      'GET /api/cameras': async (request) => {
        const nowMs = deps().clock.now().getTime();
        const agents = (await deps().agents.list(request.identity.tenantId)).filter((agent) => agent.status === 'active');
        const reads = await deps().cameraReads.days(request.identity.tenantId, new Date(nowMs - 8 * 86_400_000).toISOString().slice(0, 10), new Date(nowMs).toISOString().slice(0, 10));
        const cameras: RecordedCameraView[] = agents.flatMap((agent) =>
          (agent.heartbeat?.cameras ?? []).map(({ gaps, ...camera }) => ({
            agentId: agent.id,
            agentName: agent.name,
            cameraId: camera.cameraId,
            state: camera.state,
            error: camera.error,
            lastSegmentAt: camera.lastSegmentAt,
            restarts: camera.restarts,
            backfill: (camera.backfill ?? []).map((range) => ({ ...range, lastErrorCode: deviceFailure(range.lastError)?.code ?? null })),
            nvrFollow: camera.nvrFollow === undefined ? null : { ...camera.nvrFollow, behindSeconds: nvrFollowBehindSeconds(camera.nvrFollow, camera.footageEverySeconds, nowMs) },
            health: assessCameraHealth({ nowMs, agentLastSeenAt: agent.lastSeenAt, heartbeatSeconds: HEARTBEAT_SECONDS, recorder: camera, gaps, ...readsFromDays(reads.filter((day) => day.agentId === agent.id && day.cameraId === camera.cameraId), nowMs) }),
          })),
        );
        const discovered: DiscoveredCameraView[] = agents.flatMap((agent) =>
          (agent.heartbeat?.discoveredCameras ?? []).map((device) => ({ ...device, agentId: agent.id, agentName: agent.name })),
        );
        return json(200, { discovered, cameras } satisfies CamerasView);
      },
    },
    () => deps().logger,
    () => deps().accounts,
  );
}

export const handler = makeHandler(() => appDependencies());
