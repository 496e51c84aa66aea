import type { Agent } from '../../../core/agents/agent';
import {
  CAMERA_REQUEST_TTL_MS,
  CAMERAS_INTEREST_MS,
  cameraRequestAnswerBodySchema,
  cameraSnapshotBodySchema,
  IDLE_POLL_SECONDS,
  looksLikeJpeg,
  QUICK_POLL_SECONDS,
  type AgentCameraRequest,
  type AgentCameraRequestsView,
  type CameraRequest,
  type CameraRequestAnswer,
} from '../../../core/cameras/cameraRequest';
import { cameraSecretContext, cameraSnapshotKey, probeSecretContext } from '../../../core/cameras/siteCamera';
import { NotFoundError, ValidationError } from '../../../core/errors';
import type { Clock } from '../../../core/ports/clock';
import type { ObjectStore } from '../../../core/ports/objectStore';
import type { SecretSealer } from '../../../core/ports/secretSealer';
import type { SiteCameraRepository } from '../../../core/ports/siteCameraRepository';
import { parseWith } from '../../../core/validation/parseWith';
import type { Logger } from '../../../adapters/logging/logger';
import type { AgentRoute } from '../../middleware/agentHttpHandler';
import { json, noContent } from '../../middleware/httpTypes';

export interface AgentCameraRouteDeps {
  readonly siteCameras: SiteCameraRepository;
  readonly sealer: SecretSealer;
  readonly objectStore: ObjectStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * The agent's side of the camera request channel (docs/EDGE-AGENT.md, "Camera
 * requests"): the cloud cannot reach the shop's LAN, so the agent asks for the
 * web app's pending requests (probe a camera, take a snapshot) and answers
 * each; snapshots go to the bucket and the web app reads them through a
 * short-lived URL. Also the periodic snapshot of each camera it records.
 */
export function agentCameraRoutes(deps: () => AgentCameraRouteDeps): Record<string, AgentRoute> {
  return {
    'GET /api/agent/camera-requests': async ({ agent }) => {
      const nowMs = deps().clock.now().getTime();
      const [pending, interest] = await Promise.all([deps().siteCameras.listPendingRequests(agent.tenantId), deps().siteCameras.interestAt(agent.tenantId)]);
      const mine = pending.filter((request) => request.agentId === agent.id && nowMs - Date.parse(request.requestedAt) < CAMERA_REQUEST_TTL_MS);
      const requests = (await Promise.all(mine.map((request) => forAgent(deps(), agent, request)))).filter((request) => request !== null);
      const interested = interest !== null && nowMs - Date.parse(interest) < CAMERAS_INTEREST_MS;
      return json(200, { requests, pollAgainSeconds: interested || mine.length > 0 ? QUICK_POLL_SECONDS : IDLE_POLL_SECONDS } satisfies AgentCameraRequestsView);
    },
    'POST /api/agent/camera-requests/answer': async (request) => {
      const { agent } = request;
      const { requestId, answer: body } = parseWith(cameraRequestAnswerBodySchema, request.body);
      const stored = await deps().siteCameras.getRequest(agent.tenantId, requestId);
      if (stored === null || stored.agentId !== agent.id) throw new NotFoundError(`requestId: this agent has no camera request ${requestId}`);
      const at = deps().clock.now().toISOString();
      let answer: CameraRequestAnswer;
      if ('snapshot' in body) {
        if (stored.kind !== 'snapshot') throw new ValidationError('answer.snapshot', 'answer.snapshot: this request asked for the camera’s profiles, not a snapshot');
        const key = cameraSnapshotKey(agent.tenantId, stored.cameraId ?? `probe-${stored.id}`);
        await putJpeg(deps(), key, body.snapshot, 'answer.snapshot');
        if (stored.cameraId !== null) await deps().siteCameras.update(agent.tenantId, stored.cameraId, { snapshot: { key, at } }, at).catch(() => undefined);
        answer = { at, ok: true, snapshotKey: key };
      } else if ('profiles' in body) {
        if (stored.kind !== 'probe') throw new ValidationError('answer.profiles', 'answer.profiles: this request asked for a snapshot');
        answer = { at, ...body };
      } else {
        answer = { at, ...body };
      }
      const taken = await deps().siteCameras.answerRequest(agent.tenantId, requestId, answer);
      deps().logger.info({ tenantId: agent.tenantId, agentId: agent.id, requestId, kind: stored.kind, ok: answer.ok, ...(answer.ok ? {} : { reason: answer.reason }) }, taken ? 'camera request answered' : 'camera request answered twice; the first answer stands');
      return noContent();
    },
    'POST /api/agent/camera-snapshots': async (request) => {
      const { agent } = request;
      const body = parseWith(cameraSnapshotBodySchema, request.body);
      const cameraId = body.cameraId;
      const camera = await deps().siteCameras.get(agent.tenantId, cameraId);
      if (camera === null || camera.agentId !== agent.id) throw new NotFoundError(`cameraId: this agent records no camera ${cameraId}`);
      const key = cameraSnapshotKey(agent.tenantId, cameraId);
      await putJpeg(deps(), key, body.snapshot, 'snapshot');
      const at = deps().clock.now().toISOString();
      await deps().siteCameras.update(agent.tenantId, cameraId, { snapshot: { key, at } }, at);
      return noContent();
    },
  };
}

async function putJpeg(deps: AgentCameraRouteDeps, key: string, base64: string, field: string): Promise<void> {
  const bytes = Buffer.from(base64, 'base64');
  if (!looksLikeJpeg(bytes)) throw new ValidationError(field, `${field}: must be a JPEG image`);
  await deps.objectStore.putObject(key, bytes, { contentType: 'image/jpeg' });
}

/** The request with where to connect and the password opened for this agent; null when its camera or probe is gone. */
async function forAgent(deps: AgentCameraRouteDeps, agent: Agent, request: CameraRequest): Promise<AgentCameraRequest | null> {
  const profileToken = request.profileToken;
  if (request.cameraId !== null) {
    const camera = await deps.siteCameras.get(agent.tenantId, request.cameraId);
    if (camera === null) return null;
    const password = await deps.sealer.open(camera.password, cameraSecretContext(agent.tenantId, camera.id));
    return { requestId: request.id, kind: request.kind, host: camera.host, port: camera.port, username: camera.username, password, profileToken };
  }
  const probe = request.probeId === null ? request : await deps.siteCameras.getRequest(agent.tenantId, request.probeId);
  if (probe?.target == null) return null;
  const password = await deps.sealer.open(probe.target.password, probeSecretContext(agent.tenantId, probe.id));
  return { requestId: request.id, kind: request.kind, host: probe.target.host, port: probe.target.port, username: probe.target.username, password, profileToken };
}
