/**
 * Adding a camera from the web app, end to end on the local stack: the web
 * routes store a probe, a real agent-side poller (edge-agent/cameras/
 * cameraRequestPoller.ts) picks it up over HTTP with the agent's credential,
 * connects to the ONVIF device fake with adapters/onvif, and answers; the
 * web routes read the answer, a snapshot, add the camera, and the agent's
 * configuration carries it with the password opened for that agent alone.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import { OnvifCamera } from '../../../adapters/onvif/onvifCamera';
import type { EnrolledView, EnrolmentView } from '../../../core/api/agentsApi';
import type { AuditPageView } from '../../../core/api/auditApi';
import type { CameraRequestView, SiteCameraView, SiteCamerasView } from '../../../core/api/cameraOnboardingApi';
import type { ErrorBody } from '../../../core/api/errorCodes';
import type { AgentConfig } from '../../../core/edge/agentConfigSchema';
import { AgentApiClient } from '../../../edge-agent/cloud/agentApiClient';
import { CameraRequestPoller } from '../../../edge-agent/cameras/cameraRequestPoller';
import { startFakeOnvifDevice, type FakeOnvifDevice } from '../../fakes/onvif';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';

const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));

describe('camera onboarding through the agent request channel', () => {
  let harness: Harness;
  let anonymous: ApiClient;
  let shop: ApiClient;
  let other: ApiClient;
  let agentId: string;
  let agent: ApiClient;
  let poller: CameraRequestPoller;
  let device: FakeOnvifDevice;
  const config = { cameras: [] as AgentConfig['cameras'] & object };

  beforeAll(async () => {
    harness = await startHarness();
    anonymous = new ApiClient(harness.stack.url);
    shop = (await anonymous.signUp('owner@cam-onboard.example', 'Kho Bình Thạnh')).client;
    other = (await anonymous.signUp('owner@cam-other.example', 'Kho khác')).client;
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy kho' });
    const enrolled = await anonymous.call<EnrolledView>('POST', '/api/agent/enrol', { code: made.body.code });
    agentId = enrolled.body.agentId;
    agent = anonymous.withToken(enrolled.body.credential);
    device = await startFakeOnvifDevice({ username: 'admin', password: 'mật-khẩu-9!', rtspPort: 8554 });
    poller = new CameraRequestPoller({
      cloud: new AgentApiClient(harness.stack.url, enrolled.body.credential),
      logger,
      connect: (target) => OnvifCamera.connect({ ...target, timeoutMs: 3_000 }),
      cameras: () => config.cameras,
      snapshotEveryMs: 3_600_000,
    });
  });
  afterAll(async () => {
    await device.stop();
    await harness.close();
  });

  /** The web app's side: wait for the answer as the Cameras page does. */
  async function answerOf(requestId: string): Promise<CameraRequestView> {
    await poller.pollOnce();
    const read = await shop.call<CameraRequestView>('GET', `/api/cameras/requests/${requestId}`);
    expect(read.status).toBe(200);
    return read.body;
  }

  it('probes a camera by address, shows a snapshot, adds it, and the agent configuration carries it; nothing returns the password', async () => {
    const waiting = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId, address: `127.0.0.1:${device.port}`, username: 'admin', password: 'mật-khẩu-9!' });
    expect(waiting.status).toBe(202);
    expect(waiting.body.state).toBe('waiting');
    expect(JSON.stringify(waiting.body)).not.toContain('mật-khẩu');
    // While a request waits the agent is told to ask again within seconds.
    const asked = await agent.call<{ requests: { requestId: string }[]; pollAgainSeconds: number }>('GET', '/api/agent/camera-requests');
    expect(asked.body.pollAgainSeconds).toBeLessThanOrEqual(5);
    expect(asked.body.requests.map((r) => r.requestId)).toEqual([waiting.body.requestId]);

    const probed = await answerOf(waiting.body.requestId);
    expect(probed.state).toBe('answered');
    expect(probed.device).toMatchObject({ manufacturer: 'HIKVISION', model: 'DS-2CD1023G0E-I', address: `127.0.0.1:${device.port}` });
    expect(probed.device?.profiles.map((p) => [p.token, p.width, p.height])).toEqual([
      ['Profile_1', 1280, 720],
      ['Profile_2', 640, 360],
    ]);

    const snap = await shop.call<CameraRequestView>('POST', `/api/cameras/probes/${waiting.body.requestId}/snapshot`, { profileToken: 'Profile_2' });
    expect(snap.status).toBe(202);
    const shot = await answerOf(snap.body.requestId);
    expect(shot.state).toBe('answered');
    const jpeg = Buffer.from(await (await fetch(shot.snapshotUrl ?? '')).arrayBuffer());
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);

    const added = await shop.call<SiteCameraView>('POST', '/api/cameras', { probeId: waiting.body.requestId, profileToken: 'Profile_1', name: 'Bàn đóng gói 1 — cửa sau' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'Bàn đóng gói 1 — cửa sau', agentId, profile: { token: 'Profile_1', width: 1280 }, paused: false, username: 'admin' });
    expect(JSON.stringify(added.body)).not.toContain('mật-khẩu');
    const listed = await shop.call<SiteCamerasView>('GET', '/api/cameras/added');
    expect(listed.body.items.map((c) => c.cameraId)).toEqual([added.body.cameraId]);
    expect(JSON.stringify(listed.body)).not.toMatch(/mật-khẩu|ciphertext|wrappedKey/);
    expect((await other.call<SiteCamerasView>('GET', '/api/cameras/added')).body.items).toEqual([]);

    const pulled = await agent.call<AgentConfig>('GET', '/api/agent/config');
    expect(pulled.body.cameras).toEqual([
      expect.objectContaining({ cameraId: added.body.cameraId, sourceId: added.body.sourceId, paused: false, password: 'mật-khẩu-9!', username: 'admin', rtspUrl: 'rtsp://127.0.0.1:8554/stream1', onvif: { host: '127.0.0.1', port: device.port, profileToken: 'Profile_1' } }),
    ]);
    expect(pulled.body.discoverCameras).toBe(true);

    // Pause, rename, switch to the sub-stream: the next configuration says so with a new revision.
    const edited = await shop.call<SiteCameraView>('PATCH', `/api/cameras/${added.body.cameraId}`, { paused: true, name: 'Bàn 1', profileToken: 'Profile_2', schedule: [{ days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '18:00' }] });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ paused: true, name: 'Bàn 1', profile: { token: 'Profile_2' } });
    const again = await agent.call<AgentConfig>('GET', '/api/agent/config');
    expect(again.body.revision).toBeGreaterThan(pulled.body.revision);
    expect(again.body.cameras?.[0]).toMatchObject({ paused: true, name: 'Bàn 1', rtspUrl: 'rtsp://127.0.0.1:8554/stream2', schedule: [{ days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '18:00' }] });

    // A periodic snapshot lands on the camera's card.
    config.cameras = [{ ...(again.body.cameras?.[0] as NonNullable<AgentConfig['cameras']>[number]), paused: false }];
    await poller.pollOnce();
    const withSnapshot = await shop.call<SiteCamerasView>('GET', '/api/cameras/added');
    expect(withSnapshot.body.items[0]?.snapshotUrl).toEqual(expect.any(String));
    expect(withSnapshot.body.items[0]?.snapshotAt).toEqual(expect.any(String));

    // Removed, footage kept: the agent stops recording it; its source stays (paused) with its footage.
    const removed = await shop.call('DELETE', `/api/cameras/${added.body.cameraId}`);
    expect(removed.status).toBe(200);
    expect((await agent.call<AgentConfig>('GET', '/api/agent/config')).body.cameras ?? []).toEqual([]);
    const source = await shop.call<{ status: string }>('GET', `/api/sources/${added.body.sourceId}`);
    expect(source.body.status).toBe('paused');
  });

  it('a wrong password and an unreachable address come back as clear reasons', async () => {
    const wrong = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId, address: `127.0.0.1:${device.port}`, username: 'admin', password: 'admin' });
    const refused = await answerOf(wrong.body.requestId);
    expect(refused).toMatchObject({ state: 'failed', error: { reason: 'wrong_password' } });
    expect(refused.error?.message).toContain('refused the user name or password');

    const nothing = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId, address: '127.0.0.1:9', username: 'admin', password: 'x' });
    const unreachable = await answerOf(nothing.body.requestId);
    expect(unreachable).toMatchObject({ state: 'failed', error: { reason: 'unreachable' } });
    expect(unreachable.error?.message).toContain('nothing answered at 127.0.0.1:9');

    // Adding from a failed probe is refused naming the field; nothing is added.
    const add = await shop.call<ErrorBody>('POST', '/api/cameras', { probeId: wrong.body.requestId, profileToken: 'Profile_1', name: 'Cam' });
    expect(add.status).toBe(400);
    expect(add.body.error.field).toBe('probeId');
    expect((await shop.call<SiteCamerasView>('GET', '/api/cameras/added')).body.items).toEqual([]);
  });

  it('a camera’s recordings can come from an NVR at its own address, credentials and channel; bad NVR input names the field and changes nothing', async () => {
    const probe = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId, address: `127.0.0.1:${device.port}`, username: 'admin', password: 'mật-khẩu-9!' });
    await answerOf(probe.body.requestId);
    const added = await shop.call<SiteCameraView>('POST', '/api/cameras', { probeId: probe.body.requestId, profileToken: 'Profile_1', name: 'Bàn đóng gói 2' });
    expect(added.body.nvr).toBeNull();
    const patch = (nvr: unknown) => shop.call<SiteCameraView & ErrorBody>('PATCH', `/api/cameras/${added.body.cameraId}`, { nvr });
    const agentNvr = async () => (await agent.call<AgentConfig>('GET', '/api/agent/config')).body.cameras?.find((c) => c.cameraId === added.body.cameraId)?.nvr;

    for (const [nvr, field] of [
      [{ address: '127.0.0.1:8080', username: 'admin', channel: 2 }, 'nvr.password'],
      [{ address: '127.0.0.1:8080', username: 'admin', password: 'x', channel: 0 }, 'nvr.channel'],
      [{ address: '127.0.0.1:8080', username: 'admin', password: 'x', channel: '2' }, 'nvr.channel'],
      [{ address: 'đầu ghi 1', username: 'admin', password: 'x', channel: 2 }, 'nvr.address'],
      [{ address: '10.0.0.9:99999', username: 'admin', password: 'x', channel: 2 }, 'nvr.address'],
      [{ address: '', username: 'admin', password: 'x', channel: 2 }, 'nvr.address'],
      [{ address: '10.0.0.9', username: 'admin', password: 'x', channel: 2, track: 201 }, 'nvr'],
      ['10.0.0.9', 'nvr'],
    ] as const) {
      const refused = await patch(nvr);
      expect([refused.status, refused.body.error.field]).toEqual([400, field]);
    }
    expect(await agentNvr()).toBeNull();

    const set = await patch({ address: '127.0.0.1:8080', username: 'admin', password: 'Đầu-ghi#1', channel: 2 });
    expect(set.status).toBe(200);
    expect(set.body.nvr).toEqual({ address: '127.0.0.1:8080', username: 'admin', channel: 2 });
    expect(JSON.stringify((await shop.call<SiteCamerasView>('GET', '/api/cameras/added')).body)).not.toMatch(/Đầu-ghi|ciphertext|wrappedKey/);
    expect(await agentNvr()).toEqual({ host: '127.0.0.1', port: 8080, username: 'admin', password: 'Đầu-ghi#1', channel: 2 });

    // Another channel on the same NVR keeps its password; another NVR needs one.
    expect((await patch({ address: '127.0.0.1:8080', username: 'admin', channel: 3 })).status).toBe(200);
    expect(await agentNvr()).toEqual({ host: '127.0.0.1', port: 8080, username: 'admin', password: 'Đầu-ghi#1', channel: 3 });
    const moved = await patch({ address: '127.0.0.1:8081', username: 'admin', channel: 3 });
    expect([moved.status, moved.body.error.field]).toEqual([400, 'nvr.password']);

    expect((await patch(null)).body.nvr).toBeNull();
    expect(await agentNvr()).toBeNull();
    expect((await shop.call('DELETE', `/api/cameras/${added.body.cameraId}`)).status).toBe(200);
  });

  it('a camera takes its footage from the NVR only with an NVR; the choice is refused naming the field, else saved and sent to the agent', async () => {
    // Arrange: a probed camera.
    const probe = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId, address: `127.0.0.1:${device.port}`, username: 'admin', password: 'mật-khẩu-9!' });
    await answerOf(probe.body.requestId);
    const add = (body: object) => shop.call<SiteCameraView & ErrorBody>('POST', '/api/cameras', { probeId: probe.body.requestId, profileToken: 'Profile_2', name: 'Bàn đóng gói 3', ...body });
    const agentCamera = async (cameraId: string) => (await agent.call<AgentConfig>('GET', '/api/agent/config')).body.cameras?.find((c) => c.cameraId === cameraId);

    // Act + Assess: NVR capture without an NVR, or a capture that is none, is refused naming the field; nothing is added.
    const withoutNvr = await add({ capture: 'nvr' });
    expect([withoutNvr.status, withoutNvr.body.error.field]).toEqual([400, 'capture']);
    expect(withoutNvr.body.error.message).toMatch(/NVR/);
    const unknown = await add({ capture: 'đầu ghi' });
    expect([unknown.status, unknown.body.error.field]).toEqual([400, 'capture']);
    expect((await shop.call<SiteCamerasView>('GET', '/api/cameras/added')).body.items.filter((c) => c.name === 'Bàn đóng gói 3')).toEqual([]);

    // Act: added to take its footage from channel 3 of the NVR.
    const added = await add({ capture: 'nvr', nvr: { address: '127.0.0.1:8080', username: 'admin', password: 'Đầu-ghi#1', channel: 3 } });

    // Assess: stored, shown and sent to the agent with its NVR.
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ capture: 'nvr', nvr: { address: '127.0.0.1:8080', username: 'admin', channel: 3 } });
    expect(await agentCamera(added.body.cameraId)).toMatchObject({ capture: 'nvr', nvr: { host: '127.0.0.1', port: 8080, password: 'Đầu-ghi#1', channel: 3 } });

    // Act + Assess: its NVR cannot be removed while it takes footage from it; back to live, then it can.
    const patch = (body: object) => shop.call<SiteCameraView & ErrorBody>('PATCH', `/api/cameras/${added.body.cameraId}`, body);
    const orphan = await patch({ nvr: null });
    expect([orphan.status, orphan.body.error.field]).toEqual([400, 'nvr']);
    const both = await patch({ nvr: null, capture: 'nvr' });
    expect([both.status, both.body.error.field]).toEqual([400, 'capture']);
    expect((await patch({ capture: 'live', nvr: null })).body).toMatchObject({ capture: 'live', nvr: null });
    expect(await agentCamera(added.body.cameraId)).toMatchObject({ capture: 'live', nvr: null });
    expect((await shop.call('DELETE', `/api/cameras/${added.body.cameraId}`)).status).toBe(200);
  });

  it('bad input names the field; another shop cannot read a request; an answer of the wrong kind is refused', async () => {
    const badAddress = await shop.call<ErrorBody>('POST', '/api/cameras/probes', { agentId, address: 'http://cam 1', username: 'a', password: 'b' });
    expect([badAddress.status, badAddress.body.error.field]).toEqual([400, 'address']);
    const badAgent = await shop.call<ErrorBody>('POST', '/api/cameras/probes', { agentId: 'agt_nope', address: '10.0.0.5', username: 'a', password: 'b' });
    expect([badAgent.status, badAgent.body.error.field]).toEqual([400, 'agentId']);
    const noName = await shop.call<ErrorBody>('POST', '/api/cameras', { probeId: 'camreq_x', profileToken: 'P', name: '  ' });
    expect([noName.status, noName.body.error.field]).toEqual([400, 'name']);

    const probe = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId, address: '10.0.0.5', username: 'a', password: 'b' });
    expect((await other.call('GET', `/api/cameras/requests/${probe.body.requestId}`)).status).toBe(404);
    const bogus = await agent.call<ErrorBody>('POST', '/api/agent/camera-requests/answer', { requestId: probe.body.requestId, answer: { ok: true, snapshot: 'aGVsbG8=' } });
    expect([bogus.status, bogus.body.error.field]).toEqual([400, 'answer.snapshot']);
    const noJpeg = await agent.call<ErrorBody>('POST', '/api/agent/camera-snapshots', { cameraId: 'cam-x', snapshot: 'aGVsbG8=' });
    expect(noJpeg.status).toBe(404);
  });

  it('edits recording hours, file length and region (bad ones named, nothing changed), changes the password only once the camera accepts it, and keeps each change in the audit trail', async () => {
    const probe = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId, address: `127.0.0.1:${device.port}`, username: 'admin', password: 'mật-khẩu-9!' });
    await answerOf(probe.body.requestId);
    const added = await shop.call<SiteCameraView>('POST', '/api/cameras', { probeId: probe.body.requestId, profileToken: 'Profile_1', name: 'Bàn gói hàng số 2 (ca tối)' });
    expect(added.body).toMatchObject({ segmentSeconds: 300, roi: null, schedule: [] });
    const cameraId = added.body.cameraId;
    const configOf = async () => (await agent.call<AgentConfig>('GET', '/api/agent/config')).body.cameras?.find((camera) => camera.cameraId === cameraId);

    // Shop hours, with an evening window to midnight, 10-minute files, and the top right of the picture.
    const schedule = [
      { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '17:30' },
      { days: [5, 6], start: '19:00', end: '00:00' },
    ];
    const roi = { x: 0.55, y: 0.05, width: 0.43, height: 0.45 };
    const edited = await shop.call<SiteCameraView>('PATCH', `/api/cameras/${cameraId}`, { schedule, segmentSeconds: 600, roi });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ schedule, segmentSeconds: 600, roi });
    expect(await configOf()).toMatchObject({ schedule, segmentSeconds: 600, roi });

    // Bad input names the field and changes nothing.
    const bad: [unknown, string][] = [
      [{ schedule: [{ days: [1], start: '18:00', end: '08:00' }] }, 'schedule.0.end'],
      [{ schedule: [{ days: [1], start: '08:00', end: '08:00' }] }, 'schedule.0.end'],
      [{ schedule: [{ days: [], start: '08:00', end: '18:00' }] }, 'schedule.0.days'],
      [{ segmentSeconds: 5 }, 'segmentSeconds'],
      [{ segmentSeconds: 7_200 }, 'segmentSeconds'],
      [{ segmentSeconds: '300' }, 'segmentSeconds'],
      [{ segmentSeconds: 90.5 }, 'segmentSeconds'],
      [{ roi: { x: 0.8, y: 0, width: 0.5, height: 0.5 } }, 'roi.width'],
      [{ roi: { x: 0, y: 0, width: 0.01, height: 0.5 } }, 'roi.width'],
      [{ password: 'x' }, 'password'],
      [{ probeId: 'camreq_nope' }, 'probeId'],
    ];
    for (const [body, field] of bad) {
      const refused = await shop.call<ErrorBody>('PATCH', `/api/cameras/${cameraId}`, body);
      expect([refused.status, refused.body.error.field], JSON.stringify(body)).toEqual([400, field]);
    }
    expect(await configOf()).toMatchObject({ schedule, segmentSeconds: 600, roi, password: 'mật-khẩu-9!' });

    // The password was changed on the camera. A wrong one is refused by the camera through the agent: nothing changes.
    const NEW_PASSWORD = 'Kho-tối 2026 ✓';
    device.setPassword(NEW_PASSWORD);
    try {
      const wrong = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId, address: `127.0.0.1:${device.port}`, username: 'admin', password: 'mật-khẩu-cũ' });
      expect(await answerOf(wrong.body.requestId)).toMatchObject({ state: 'failed', error: { reason: 'wrong_password' } });
      const refused = await shop.call<ErrorBody>('PATCH', `/api/cameras/${cameraId}`, { probeId: wrong.body.requestId });
      expect([refused.status, refused.body.error.field]).toEqual([400, 'probeId']);
      expect((await configOf())?.password).toBe('mật-khẩu-9!');
      // A probe of another camera (another address) cannot hand this one its credentials.
      const elsewhere = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId, address: `localhost:${device.port}`, username: 'admin', password: NEW_PASSWORD });
      expect((await answerOf(elsewhere.body.requestId)).state).toBe('answered');
      const foreign = await shop.call<ErrorBody>('PATCH', `/api/cameras/${cameraId}`, { probeId: elsewhere.body.requestId });
      expect([foreign.status, foreign.body.error.field]).toEqual([400, 'probeId']);

      const right = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId, address: `127.0.0.1:${device.port}`, username: 'admin', password: NEW_PASSWORD });
      expect((await answerOf(right.body.requestId)).state).toBe('answered');
      const changed = await shop.call<SiteCameraView>('PATCH', `/api/cameras/${cameraId}`, { probeId: right.body.requestId });
      expect(changed.status).toBe(200);
      expect(JSON.stringify(changed.body)).not.toContain(NEW_PASSWORD);
      expect(JSON.stringify((await shop.call<SiteCamerasView>('GET', '/api/cameras/added')).body)).not.toContain(NEW_PASSWORD);
      // The agent gets it with the settings kept; another shop cannot use this shop's probe.
      expect(await configOf()).toMatchObject({ password: NEW_PASSWORD, username: 'admin', schedule, segmentSeconds: 600, roi });
      expect((await other.call('PATCH', `/api/cameras/${cameraId}`, { probeId: right.body.requestId })).status).toBe(404);
    } finally {
      device.setPassword('mật-khẩu-9!');
    }

    // Pause, resume and remove; the audit trail names each change, newest first.
    expect((await shop.call('PATCH', `/api/cameras/${cameraId}`, { paused: true })).status).toBe(200);
    // As the web form does, every field is sent: only the region changed, and only it is named.
    expect((await shop.call('PATCH', `/api/cameras/${cameraId}`, { paused: false, name: 'Bàn gói hàng số 2 (ca tối)', profileToken: 'Profile_1', schedule, segmentSeconds: 600, roi: null })).status).toBe(200);
    expect((await shop.call('DELETE', `/api/cameras/${cameraId}`)).status).toBe(200);
    const audit = await shop.call<AuditPageView>('GET', '/api/audit');
    const mine = audit.body.entries.filter((entry) => entry.target.type === 'camera' && entry.target.id === cameraId);
    expect(mine.map((entry) => [entry.action, entry.detail?.['fields'] ?? null])).toEqual([
      ['camera.removed', null],
      ['camera.resumed', null],
      ['camera.edited', 'roi'],
      ['camera.paused', null],
      ['camera.edited', 'username, password'],
      ['camera.edited', 'roi, schedule, segmentSeconds'],
      ['camera.added', null],
    ]);
    expect(mine.every((entry) => entry.target.name === 'Bàn gói hàng số 2 (ca tối)' && entry.actor.email === 'owner@cam-onboard.example')).toBe(true);
    expect(JSON.stringify(audit.body)).not.toMatch(/mật-khẩu|Kho-tối/);
    expect((await other.call<AuditPageView>('GET', '/api/audit')).body.entries.filter((entry) => entry.target.type === 'camera')).toEqual([]);
  });
});
