import type { Agent } from '../agents/agent';
import type { CameraRequestView, CameraProfileView, SiteCameraView } from '../api/cameraOnboardingApi';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { AgentRepository } from '../ports/agentRepository';
import type { ClipStorage } from '../ports/clipStorage';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/idGenerator';
import type { SecretSealer } from '../ports/secretSealer';
import type { SiteCameraRepository } from '../ports/siteCameraRepository';
import type { SourceRepository } from '../ports/sourceRepository';
import { newSource } from '../sources/newSource';
import { parseWith } from '../validation/parseWith';
import { cameraNvrView, checkCaptureHasNvr, nvrFromInput } from './cameraNvr';
import { addCameraSchema, editCameraSchema, probeCameraSchema, probeSnapshotSchema } from './cameraOnboardingSchemas';
import { CAMERA_REQUEST_PATIENCE_MS, CAMERAS_INTEREST_MS, type CameraRequest } from './cameraRequest';
import { cameraSecretContext, probeSecretContext, type CameraProfile, type SiteCamera } from './siteCamera';

export interface CameraOnboardingDeps {
  readonly siteCameras: SiteCameraRepository;
  readonly agents: AgentRepository;
  readonly sources: SourceRepository;
  readonly sealer: SecretSealer;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly clipStorage: ClipStorage;
}

/** Snapshot URLs the web app shows live this long. */
const SNAPSHOT_URL_SECONDS = 600;
/** Default segment length of a camera added from the web app. */
const SEGMENT_SECONDS = 300;

async function activeAgent(deps: CameraOnboardingDeps, tenantId: string, agentId: string, field: string): Promise<Agent> {
  const agent = await deps.agents.get(tenantId, agentId);
  if (agent === null || agent.status !== 'active') throw new ValidationError(field, `${field}: no enrolled agent ${agentId} in this account`);
  return agent;
}

/** The web app asks an agent to connect to a camera: the request is stored (password sealed) for the agent to pick up. */
export async function requestProbe(deps: CameraOnboardingDeps, tenantId: string, body: unknown): Promise<CameraRequest> {
  const input = parseWith(probeCameraSchema, body);
  await activeAgent(deps, tenantId, input.agentId, 'agentId');
  const id = deps.ids.newId('camreq');
  const request: CameraRequest = {
    tenantId,
    id,
    agentId: input.agentId,
    kind: 'probe',
    requestedAt: deps.clock.now().toISOString(),
    target: { host: input.address.host, port: input.address.port, username: input.username, password: await deps.sealer.seal(input.password, probeSecretContext(tenantId, id)) },
    probeId: null,
    cameraId: null,
    profileToken: null,
    answer: null,
  };
  await deps.siteCameras.putRequest(request);
  await noteInterest(deps, tenantId);
  return request;
}

/** A probe that worked: its device answer, or a clear error naming the field. */
async function answeredProbe(deps: CameraOnboardingDeps, tenantId: string, probeId: string, field: string) {
  const probe = await deps.siteCameras.getRequest(tenantId, probeId);
  if (probe === null || probe.kind !== 'probe' || probe.target === null) throw new ValidationError(field, `${field}: no camera connection ${probeId}: connect to the camera again`);
  if (probe.answer === null || !probe.answer.ok || !('profiles' in probe.answer)) throw new ValidationError(field, `${field}: the camera has not answered this connection; connect again`);
  return { probe, target: probe.target, device: probe.answer };
}

/** A snapshot of one profile of a probed camera, to confirm it is the right one before adding it. */
export async function requestProbeSnapshot(deps: CameraOnboardingDeps, tenantId: string, probeId: string, body: unknown): Promise<CameraRequest> {
  const { profileToken } = parseWith(probeSnapshotSchema, body);
  const { probe, device } = await answeredProbe(deps, tenantId, probeId, 'probeId');
  if (!device.profiles.some((profile) => profile.token === profileToken)) throw new ValidationError('profileToken', `profileToken: the camera has no profile ${profileToken}`);
  return snapshotRequest(deps, tenantId, probe.agentId, { probeId, cameraId: null, profileToken });
}

/** A fresh snapshot of an added camera. */
export async function requestCameraSnapshot(deps: CameraOnboardingDeps, tenantId: string, cameraId: string): Promise<CameraRequest> {
  const camera = await mustGetCamera(deps, tenantId, cameraId);
  return snapshotRequest(deps, tenantId, camera.agentId, { probeId: null, cameraId, profileToken: camera.profile.token });
}

async function snapshotRequest(deps: CameraOnboardingDeps, tenantId: string, agentId: string, what: { probeId: string | null; cameraId: string | null; profileToken: string }): Promise<CameraRequest> {
  const request: CameraRequest = { tenantId, id: deps.ids.newId('camreq'), agentId, kind: 'snapshot', requestedAt: deps.clock.now().toISOString(), target: null, ...what, answer: null };
  await deps.siteCameras.putRequest(request);
  await noteInterest(deps, tenantId);
  return request;
}

/** Someone is onboarding cameras: agents ask for requests every few seconds for a while. Written at most once a minute. */
export async function noteInterest(deps: Pick<CameraOnboardingDeps, 'siteCameras' | 'clock'>, tenantId: string): Promise<void> {
  const now = deps.clock.now();
  const last = await deps.siteCameras.interestAt(tenantId);
  if (last !== null && now.getTime() - Date.parse(last) < Math.min(60_000, CAMERAS_INTEREST_MS / 2)) return;
  await deps.siteCameras.markInterest(tenantId, now.toISOString());
}

export function profileView({ rtspUrl: _rtspUrl, ...profile }: CameraProfile): CameraProfileView {
  return profile;
}

export async function cameraRequestView(deps: CameraOnboardingDeps, request: CameraRequest): Promise<CameraRequestView> {
  const nowMs = deps.clock.now().getTime();
  const answer = request.answer;
  const base = { requestId: request.id, kind: request.kind, agentId: request.agentId, requestedAt: request.requestedAt, device: null, snapshotUrl: null, error: null };
  if (answer === null) return { ...base, state: nowMs - Date.parse(request.requestedAt) > CAMERA_REQUEST_PATIENCE_MS ? 'no_answer' : 'waiting' };
  if (!answer.ok) return { ...base, state: 'failed', error: { reason: answer.reason, message: answer.message } };
  if ('snapshotKey' in answer) return { ...base, state: 'answered', snapshotUrl: await deps.clipStorage.signedGetUrl(answer.snapshotKey, { expiresInSec: SNAPSHOT_URL_SECONDS }) };
  const address = request.target === null ? '' : `${request.target.host}:${request.target.port}`;
  return { ...base, state: 'answered', device: { manufacturer: answer.manufacturer, model: answer.model, address, profiles: answer.profiles.map(profileView) } };
}

export async function mustGetRequest(deps: CameraOnboardingDeps, tenantId: string, requestId: string): Promise<CameraRequest> {
  const request = await deps.siteCameras.getRequest(tenantId, requestId);
  if (request === null) throw new NotFoundError('no such camera request (it may have expired: try again)');
  return request;
}

export async function mustGetCamera(deps: Pick<CameraOnboardingDeps, 'siteCameras'>, tenantId: string, cameraId: string): Promise<SiteCamera> {
  const camera = await deps.siteCameras.get(tenantId, cameraId);
  if (camera === null) throw new NotFoundError('camera not found');
  return camera;
}

/**
 * Adds a probed camera with the chosen profile and starts recording it: its
 * footage gets its own `onvif` source (assigned to the agent), the password is
 * sealed again for the camera, and the agent's next configuration carries it.
 */
export async function addCamera(deps: CameraOnboardingDeps, tenantId: string, body: unknown): Promise<SiteCamera> {
  const input = parseWith(addCameraSchema, body);
  const { probe, target, device } = await answeredProbe(deps, tenantId, input.probeId, 'probeId');
  const profile = device.profiles.find((candidate) => candidate.token === input.profileToken);
  if (profile === undefined) throw new ValidationError('profileToken', `profileToken: the camera has no profile ${input.profileToken}`);
  const agent = await activeAgent(deps, tenantId, probe.agentId, 'probeId');
  const existing = await deps.siteCameras.list(tenantId);
  if (existing.some((camera) => camera.agentId === agent.id && camera.host === target.host && camera.port === target.port && camera.profile.token === profile.token)) {
    throw new ConflictError('this camera is already added with this profile');
  }
  const capture = input.capture ?? 'live';
  checkCaptureHasNvr(capture, input.nvr, 'capture');
  const password = await deps.sealer.open(target.password, probeSecretContext(tenantId, probe.id));
  const now = deps.clock.now().toISOString();
  const cameraId = deps.ids.newId('cam').replace(/_/g, '-');
  const nvr = input.nvr === undefined ? null : await nvrFromInput(deps.sealer, tenantId, cameraId, null, input.nvr);
  // Recorded by the agent on site: the cloud never syncs it (no nextSyncAt).
  const source = newSource(
    {
      tenantId,
      id: deps.ids.newId('src'),
      type: 'onvif',
      name: input.name,
      intervalMinutes: 60,
      config: { address: `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`, agentId: agent.id },
      nextSyncAt: null,
    },
    now,
  );
  const camera: SiteCamera = {
    tenantId,
    id: cameraId,
    agentId: agent.id,
    sourceId: source.id,
    name: input.name,
    host: target.host,
    port: target.port,
    manufacturer: device.manufacturer,
    model: device.model,
    profile,
    profiles: device.profiles,
    username: target.username,
    password: await deps.sealer.seal(password, cameraSecretContext(tenantId, cameraId)),
    schedule: input.schedule,
    paused: false,
    segmentSeconds: input.segmentSeconds ?? SEGMENT_SECONDS,
    roi: null,
    snapshot: null,
    nvr,
    capture,
    createdAt: now,
    updatedAt: now,
  };
  await deps.sources.create(source);
  await deps.siteCameras.create(camera);
  return camera;
}

/**
 * Name, profile (one the device offered), schedule, segment length, region of
 * interest, pause or resume, the NVR its recordings come from, whether its
 * footage is recorded live or taken from that NVR, and a new user
 * name and password: those of a probe of this very camera (same agent, address)
 * that the device accepted, sealed again for the camera. A probe that failed or
 * is still waiting changes nothing.
 */
export async function editCamera(deps: CameraOnboardingDeps, tenantId: string, cameraId: string, body: unknown): Promise<SiteCamera> {
  const input = parseWith(editCameraSchema, body);
  const camera = await mustGetCamera(deps, tenantId, cameraId);
  const profile = input.profileToken === undefined ? undefined : camera.profiles.find((candidate) => candidate.token === input.profileToken);
  if (input.profileToken !== undefined && profile === undefined) throw new ValidationError('profileToken', `profileToken: the camera has no profile ${input.profileToken}`);
  const credentials = input.probeId === undefined ? undefined : await checkedCredentials(deps, camera, input.probeId);
  const now = deps.clock.now().toISOString();
  if (input.name !== undefined && input.name !== camera.name) await deps.sources.update(tenantId, camera.sourceId, { name: input.name }, now).catch(() => undefined);
  const nvr = input.nvr === undefined ? undefined : await nvrFromInput(deps.sealer, tenantId, cameraId, camera.nvr, input.nvr);
  checkCaptureHasNvr(input.capture ?? camera.capture ?? 'live', nvr === undefined ? camera.nvr : nvr, input.capture === undefined ? 'nvr' : 'capture');
  return deps.siteCameras.update(
    tenantId,
    cameraId,
    { name: input.name, profile, schedule: input.schedule, segmentSeconds: input.segmentSeconds, roi: input.roi, paused: input.paused, nvr, capture: input.capture, ...credentials },
    now,
  );
}

/** The user name and password a probe of this camera got through with, the password sealed for the camera. */
async function checkedCredentials(deps: CameraOnboardingDeps, camera: SiteCamera, probeId: string): Promise<Pick<SiteCamera, 'username' | 'password'>> {
  const { probe, target } = await answeredProbe(deps, camera.tenantId, probeId, 'probeId');
  if (probe.agentId !== camera.agentId || target.host !== camera.host || target.port !== camera.port) {
    throw new ValidationError('probeId', `probeId: that connection was to another camera; connect to ${camera.host}:${camera.port} through its agent`);
  }
  const password = await deps.sealer.open(target.password, probeSecretContext(camera.tenantId, probe.id));
  return { username: target.username, password: await deps.sealer.seal(password, cameraSecretContext(camera.tenantId, camera.id)) };
}

export function siteCameraView(camera: SiteCamera, agentName: string, snapshotUrl: string | null): SiteCameraView {
  return {
    cameraId: camera.id,
    agentId: camera.agentId,
    agentName,
    sourceId: camera.sourceId,
    name: camera.name,
    address: `${camera.host}:${camera.port}`,
    manufacturer: camera.manufacturer,
    model: camera.model,
    username: camera.username,
    profile: profileView(camera.profile),
    profiles: camera.profiles.map(profileView),
    schedule: camera.schedule,
    segmentSeconds: camera.segmentSeconds,
    roi: camera.roi ?? null,
    paused: camera.paused,
    snapshotUrl,
    snapshotAt: camera.snapshot?.at ?? null,
    nvr: cameraNvrView(camera.nvr),
    capture: camera.capture ?? 'live',
    createdAt: camera.createdAt,
  };
}

export async function siteCameraViews(deps: CameraOnboardingDeps, tenantId: string): Promise<SiteCameraView[]> {
  const [cameras, agents] = await Promise.all([deps.siteCameras.list(tenantId), deps.agents.list(tenantId)]);
  const names = new Map(agents.map((agent) => [agent.id, agent.name]));
  return Promise.all(
    [...cameras]
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .map(async (camera) => siteCameraView(camera, names.get(camera.agentId) ?? '', camera.snapshot === null ? null : await deps.clipStorage.signedGetUrl(camera.snapshot.key, { expiresInSec: SNAPSHOT_URL_SECONDS }))),
  );
}
