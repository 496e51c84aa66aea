import type { AgentCamera } from '../edge/agentCameraSchema';
import type { SecretSealer } from '../ports/secretSealer';
import { nvrSecretContext } from './cameraNvr';
import { cameraSecretContext, type SiteCamera } from './siteCamera';

/**
 * The cameras one agent records, as its configuration carries them: the
 * chosen profile's stream, schedule, segment length, region of interest, paused, and the password opened for this
 * agent alone (the only place it leaves the sealed store).
 */
export async function agentCamerasFor(agentId: string, cameras: readonly SiteCamera[], sealer: SecretSealer): Promise<AgentCamera[]> {
  return Promise.all(
    cameras
      .filter((camera) => camera.agentId === agentId)
      .map(async (camera) => ({
        cameraId: camera.id,
        sourceId: camera.sourceId,
        name: camera.name,
        paused: camera.paused,
        onvif: { host: camera.host, port: camera.port, profileToken: camera.profile.token },
        rtspUrl: camera.profile.rtspUrl,
        username: camera.username,
        password: await sealer.open(camera.password, cameraSecretContext(camera.tenantId, camera.id)),
        segmentSeconds: camera.segmentSeconds,
        schedule: [...camera.schedule],
        roi: camera.roi ?? null,
        capture: camera.capture ?? 'live',
        nvr:
          camera.nvr === null || camera.nvr === undefined
            ? null
            : { host: camera.nvr.host, port: camera.nvr.port, username: camera.nvr.username, password: await sealer.open(camera.nvr.password, nvrSecretContext(camera.tenantId, camera.id)), channel: camera.nvr.channel },
      })),
  );
}
