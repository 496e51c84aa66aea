/**
 * Camera health on the local stack, through the real write paths: an agent
 * records a camera and sends the events of each processed window (POST
 * /api/agent/events, which adds to the camera's daily read counters); a week
 * of normal reads and then a day of few reads raise the read-rate alert, and
 * the history records the drop and the recovery. An offline camera alerts
 * only once it has been offline for the threshold.
 */
import { Writable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCameraReadCounters } from '../../../adapters/dynamodb/dynamoCameraReadCounters';
import { makeTableContext } from '../../../adapters/dynamodb/tableContext';
import type { CameraHealthHistoryView, CamerasHealthView } from '../../../core/api/cameraHealthApi';
import type { MeView } from '../../../core/api/authApi';
import type { CamerasView } from '../../../core/api/camerasApi';
import type { ErrorBody } from '../../../core/api/errorCodes';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { DynamoCameraHealthHistory } from '../../../adapters/dynamodb/dynamoCameraHealthHistory';
import { makeLogger } from '../../../adapters/logging/logger';
import { OnvifCamera } from '../../../adapters/onvif/onvifCamera';
import type { EnrolledView, EnrolmentView } from '../../../core/api/agentsApi';
import type { CameraRequestView, SiteCameraView } from '../../../core/api/cameraOnboardingApi';
import { CameraRequestPoller } from '../../../edge-agent/cameras/cameraRequestPoller';
import { AgentApiClient } from '../../../edge-agent/cloud/agentApiClient';
import { startFakeOnvifDevice } from '../../fakes/onvif';
import { agentWithLocalSource } from '../../support/agentShops';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const baseHeartbeat = { version: '0.1.0', hostname: 'kho-quan-7', uptimeSec: 60, disk: { usedBytes: 1, freeBytes: 1 }, queueDepth: 0, uploadBytesPerSec: 0, sources: [] };

/** The events an agent sends for one processed window: `count` orders spread over it, one label each. */
function window(sourceId: string, cameraId: string, fromMs: number, hours: number, count: number, seed: string) {
  const step = (hours * HOUR) / count;
  const events = Array.from({ length: count }, (_, i) => {
    const start = fromMs + i * step;
    return {
      id: `evt-${seed}-${i}`,
      trackingCodes: [`GHN${seed.replace(/\D/g, '').padStart(4, '0')}${String(i).padStart(5, '0')}`],
      start: new Date(start).toISOString(),
      end: new Date(start + 60_000).toISOString(),
      clipStart: new Date(start - 5_000).toISOString(),
      clipEnd: new Date(start + 65_000).toISOString(),
      files: [{ fileId: `file-${seed}-0001`, name: `${cameraId}_${seed}.mp4`, day: new Date(fromMs).toISOString().slice(0, 10), fromSec: 0, toSec: 60, uploaded: false }],
      labelSighting: null,
      clipUploaded: false,
      truncated: false,
    };
  });
  return { sourceId, cameraId, from: new Date(fromMs).toISOString(), to: new Date(fromMs + hours * HOUR).toISOString(), events };
}

describe('camera health on the local stack', () => {
  let harness: Harness;
  let anonymous: ApiClient;
  let shop: ApiClient;
  let other: ApiClient;

  beforeAll(async () => {
    harness = await startHarness();
    anonymous = new ApiClient(harness.stack.url);
    shop = (await anonymous.signUp('owner@health.example', 'Kho Sức Khoẻ')).client;
    other = (await anonymous.signUp('owner@other-health.example', 'Kho Khác')).client;
  });
  afterAll(() => harness.close());

  const agentWithSource = (name: string) => agentWithLocalSource(anonymous, shop, name);

  /** A camera as an agent's heartbeat reports it: 1-minute segments, its footage ending `lastSegmentMsAgo` ago. */
  const recording = (cameraId: string, lastSegmentMsAgo: number, state = 'recording') => ({
    cameraId,
    state,
    error: state === 'recording' ? null : 'ffmpeg ended: Connection refused',
    restarts: 0,
    segments: 100,
    lastSegmentAt: new Date(Date.now() - lastSegmentMsAgo).toISOString(),
    footageEverySeconds: 60,
    gaps: [],
  });

  it('a camera that reads far fewer codes than its own week raises the alert, and the history records the drop and the recovery', async () => {
    // Prepare: a week of 10 codes an hour (3 recorded hours a day), then today 1 an hour.
    const { agentId, agent, sourceId } = await agentWithSource('Máy kho Quận 7');
    expect((await agent.call('POST', '/api/agent/heartbeat', { ...baseHeartbeat, cameras: [recording('ban-1', 60_000)] })).status).toBe(204);
    const todayStart = Math.floor(Date.now() / DAY) * DAY;
    for (let d = 7; d >= 1; d--) {
      const sent = await agent.call('POST', '/api/agent/events', window(sourceId, 'ban-1', todayStart - d * DAY + HOUR, 3, 30, `d${d}`));
      expect(sent.status).toBe(200);
    }
    // Sent twice (a lost answer): counted once.
    await agent.call('POST', '/api/agent/events', window(sourceId, 'ban-1', todayStart - DAY + HOUR, 3, 30, 'd1'));
    const before = await shop.call<CamerasHealthView>('GET', '/api/cameras/health');
    expect(before.body.alerts).toEqual([]);
    expect(before.body.cameras).toEqual([expect.objectContaining({ key: `agent:${agentId}/ban-1`, placeName: 'Máy kho Quận 7', health: expect.objectContaining({ status: 'ok' }) as unknown })]);

    // Act: today's footage has few readable labels (the camera was knocked aside).
    await agent.call('POST', '/api/agent/events', window(sourceId, 'ban-1', todayStart, 3, 3, 'd0'));
    const after = await shop.call<CamerasHealthView>('GET', '/api/cameras/health');

    // Assess
    expect(after.status).toBe(200);
    expect(after.body.alerts).toEqual([
      expect.objectContaining({ cameraKey: `agent:${agentId}/ban-1`, cameraName: 'ban-1', placeName: 'Máy kho Quận 7', agentId, problem: { kind: 'read_rate_drop', recent: 1, baseline: 10 } }),
    ]);
    const cards = await shop.call<CamerasView>('GET', '/api/cameras');
    expect(cards.body.cameras[0]?.health.problems).toEqual([{ kind: 'read_rate_drop', recent: 1, baseline: 10 }]);
    expect((await other.call<CamerasHealthView>('GET', '/api/cameras/health')).body).toEqual({ cameras: [], alerts: [] });

    // The camera is put back: later footage today reads normally again.
    await agent.call('POST', '/api/agent/events', window(sourceId, 'ban-1', todayStart + 3 * HOUR, 3, 57, 'd0b'));
    expect((await shop.call<CamerasHealthView>('GET', '/api/cameras/health')).body.alerts).toEqual([]);
    const history = await shop.call<CameraHealthHistoryView>('GET', `/api/cameras/health/history?camera=${encodeURIComponent(`agent:${agentId}/ban-1`)}`);
    expect(history.status).toBe(200);
    expect(history.body.changes.map((change) => [change.from, change.to, change.began.map((p) => p.kind), change.ended])).toEqual([
      ['warning', 'ok', [], ['read_rate_drop']],
      ['ok', 'warning', ['read_rate_drop'], []],
    ]);
  });

  it('an offline camera alerts once it has been offline 30 minutes, dated from its last footage in the history', async () => {
    // Prepare: one camera silent for 10 minutes (offline, not yet alerting), one silent for 50.
    const { agentId, agent } = await agentWithSource('Máy kho Bình Dương');
    const sent = Date.now();
    await agent.call('POST', '/api/agent/heartbeat', { ...baseHeartbeat, cameras: [recording('cong-sau', 10 * 60_000, 'reconnecting'), recording('ban-2', 50 * 60_000, 'reconnecting')] });

    // Act
    const judged = await shop.call<CamerasHealthView>('GET', '/api/cameras/health');

    // Assess
    const mine = judged.body.cameras.filter((camera) => camera.agentId === agentId);
    expect(mine.map((camera) => [camera.cameraId, camera.health.status])).toEqual([['cong-sau', 'offline'], ['ban-2', 'offline']]);
    const alerts = judged.body.alerts.filter((a) => a.agentId === agentId);
    expect(alerts.map((a) => [a.cameraName, a.problem.kind])).toEqual([['ban-2', 'offline']]);
    // Offline from 5 minutes after its last segment: 45 minutes before the heartbeat.
    expect(Math.abs(Date.parse(alerts[0]!.since) - (sent - 45 * 60_000))).toBeLessThan(5_000);
    const history = await shop.call<CameraHealthHistoryView>('GET', '/api/cameras/health/history?days=7');
    const down = history.body.changes.find((change) => change.camera.key === `agent:${agentId}/ban-2`);
    expect(down).toMatchObject({ at: alerts[0]!.since, from: null, to: 'offline', began: [{ kind: 'offline', error: 'ffmpeg ended: Connection refused' }] });
    // Judged again: the same incident, the same alert id, no new change.
    const again = await shop.call<CamerasHealthView>('GET', '/api/cameras/health');
    expect(again.body.alerts.filter((a) => a.agentId === agentId).map((a) => a.id)).toEqual([alerts[0]!.id]);
    const twice = await shop.call<CameraHealthHistoryView>('GET', '/api/cameras/health/history?days=7');
    expect(twice.body.changes.length).toBe(history.body.changes.length);
  });

  it('an offline camera added from the Cameras page is named in its alert as the shop named it, not by its id', async () => {
    // Prepare: a camera added through the agent's probe, then silent for 50 minutes.
    const device = await startFakeOnvifDevice({ username: 'admin', password: 'mật-khẩu' });
    try {
      const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy kho Thủ Đức' });
      const enrolled = (await anonymous.call<EnrolledView>('POST', '/api/agent/enrol', { code: made.body.code })).body;
      const probe = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId: enrolled.agentId, address: `127.0.0.1:${device.port}`, username: 'admin', password: 'mật-khẩu' });
      const quiet = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
      await new CameraRequestPoller({ cloud: new AgentApiClient(harness.stack.url, enrolled.credential), logger: quiet, connect: (target) => OnvifCamera.connect({ ...target, timeoutMs: 3_000 }), cameras: () => [] }).pollOnce();
      const added = await shop.call<SiteCameraView>('POST', '/api/cameras', { probeId: probe.body.requestId, profileToken: 'Profile_1', name: 'Cổng sau' });
      expect(added.status).toBe(201);
      await anonymous.withToken(enrolled.credential).call('POST', '/api/agent/heartbeat', { ...baseHeartbeat, cameras: [recording(added.body.cameraId, 50 * 60_000, 'reconnecting')] });

      // Act
      const judged = await shop.call<CamerasHealthView>('GET', '/api/cameras/health');

      // Assess: the sign-in banner words the alert with the camera's name, as its card does.
      expect(judged.body.cameras.filter((camera) => camera.agentId === enrolled.agentId).map((camera) => camera.cameraName)).toEqual(['Cổng sau']);
      expect(judged.body.alerts.filter((alert) => alert.agentId === enrolled.agentId).map((alert) => [alert.cameraName, alert.sourceId, alert.problem.kind])).toEqual([['Cổng sau', added.body.sourceId, 'offline']]);
    } finally {
      await device.stop();
    }
  });

  it('a dismissed alert is hidden on every device of the tenant, for that camera and problem only, until it happens again', async () => {
    // Prepare: two cameras of one agent silent for 50 minutes; a second device of the same owner.
    const { agentId, agent } = await agentWithSource('Máy kho Long An');
    const silent = (cameraId: string) => recording(cameraId, 50 * 60_000, 'reconnecting');
    await agent.call('POST', '/api/agent/heartbeat', { ...baseHeartbeat, cameras: [silent('cong-truoc'), silent('ban-5')] });
    const phone = anonymous.withToken((await anonymous.call<{ token: string }>('POST', '/api/auth/local/sign-in', { email: 'owner@health.example', password: 'correct horse battery' })).body.token);
    const mine = async (client: ApiClient) => (await client.call<CamerasHealthView>('GET', '/api/cameras/health')).body.alerts.filter((a) => a.agentId === agentId);
    const [front] = (await mine(shop)).filter((a) => a.cameraName === 'cong-truoc');

    // Act: dismissed on the computer.
    const dismissed = await shop.call('POST', '/api/cameras/health/dismissals', { camera: front!.cameraKey, kind: front!.problem.kind, since: front!.since });

    // Assess: hidden on the phone too; the other camera still alerts.
    expect(dismissed.status).toBe(200);
    expect((await mine(phone)).map((a) => [a.cameraName, a.problem.kind])).toEqual([['ban-5', 'offline']]);
    expect((await mine(shop)).map((a) => a.cameraName)).toEqual(['ban-5']);
    // An incident that is not going on (a page left open since) is refused, naming why.
    const stale = await shop.call<ErrorBody>('POST', '/api/cameras/health/dismissals', { camera: front!.cameraKey, kind: 'read_rate_drop', since: front!.since });
    expect(stale.status).toBe(409);
    // The camera comes back, then goes down again: a new incident, which the old dismissal does not cover
    // (it alerts once it has lasted 30 minutes; tests/unit/core/cameraHealth shows that with a clock).
    await agent.call('POST', '/api/agent/heartbeat', { ...baseHeartbeat, cameras: [recording('cong-truoc', 30_000), silent('ban-5')] });
    expect((await mine(phone)).map((a) => a.cameraName)).toEqual(['ban-5']);
    await agent.call('POST', '/api/agent/heartbeat', { ...baseHeartbeat, cameras: [recording('cong-truoc', 40 * 60_000, 'reconnecting'), silent('ban-5')] });
    await mine(phone);
    const history = await phone.call<CameraHealthHistoryView>('GET', `/api/cameras/health/history?camera=${encodeURIComponent(front!.cameraKey)}`);
    expect(history.body.changes.map((c) => [c.to, c.began.map((p) => p.kind)])).toEqual([['offline', ['offline']], ['ok', []], ['offline', ['offline']]]);
    expect(history.body.changes[0]?.at).not.toBe(front!.since);
  });

  it('the scheduled judgement records a camera going offline with no page read', async () => {
    // Prepare: an agent reports a camera silent for 20 minutes; nobody opens a page.
    const { agentId, agent } = await agentWithSource('Máy kho Cần Thơ');
    await agent.call('POST', '/api/agent/heartbeat', { ...baseHeartbeat, cameras: [recording('ban-9', 20 * 60_000, 'reconnecting')] });
    const dynamo = new DynamoDBClient(localClientConfig(harness.stack.endpoints.dynamodb));
    try {
      const history = new DynamoCameraHealthHistory(makeTableContext({ tableName: harness.stack.tableName, client: dynamo }));
      const tenantId = (await shop.call<MeView>('GET', '/api/me')).body.tenantId;

      // Act: one run of the every-minute rules.
      await harness.stack.runScheduledTasks();

      // Assess
      const changes = (await history.changes(tenantId, new Date(Date.now() - 86_400_000).toISOString())).filter((c) => c.camera.agentId === agentId);
      expect(changes.map((c) => [c.camera.cameraId, c.from, c.to, c.began.map((p) => p.kind)])).toEqual([['ban-9', null, 'offline', ['offline']]]);
    } finally {
      dynamo.destroy();
    }
  });

  it('counts a unit recorded again only by its difference, and moves it when its day or camera changes', async () => {
    const dynamo = new DynamoDBClient(localClientConfig(harness.stack.endpoints.dynamodb));
    try {
      const counters = new DynamoCameraReadCounters(makeTableContext({ tableName: harness.stack.tableName, client: dynamo }));
      const unit = { tenantId: 'ten_counters', sourceId: 'src_drive', cameraId: 'quay-1', agentId: null, unitId: '1AbCfile', day: '2026-11-30', codes: 12, failures: 0, footageSec: 300 };
      await counters.record(unit);
      await counters.record(unit);
      expect(await counters.days('ten_counters', '2026-11-01', '2026-12-31')).toEqual([{ sourceId: 'src_drive', cameraId: 'quay-1', agentId: null, day: '2026-11-30', files: 1, codes: 12, failures: 0, footageSec: 300 }]);
      // A new revision of the file that could not be decoded.
      await counters.record({ ...unit, codes: 0, failures: 1, footageSec: 0 });
      expect(await counters.days('ten_counters', '2026-11-01', '2026-12-31')).toEqual([expect.objectContaining({ files: 1, codes: 0, failures: 1, footageSec: 0 })]);
      // Its recording time was read again and falls on the next day: it leaves the first.
      await counters.record({ ...unit, day: '2026-12-01' });
      const days = await counters.days('ten_counters', '2026-11-01', '2026-12-31');
      expect(days.map((d) => [d.day, d.files, d.codes, d.failures, d.footageSec])).toEqual([['2026-11-30', 0, 0, 0, 0], ['2026-12-01', 1, 12, 0, 300]]);
    } finally {
      dynamo.destroy();
    }
  });

  it('refuses bad history queries with the field named, and needs a member', async () => {
    for (const [query, field] of [['days=abc', 'days'], ['days=31', 'days'], ['days=0', 'days'], [`camera=${encodeURIComponent('../x')}`, 'camera']] as const) {
      const bad = await shop.call<ErrorBody>('GET', `/api/cameras/health/history?${query}`);
      expect([query, bad.status, bad.body.error.field]).toEqual([query, 400, field]);
    }
    expect((await anonymous.call('GET', '/api/cameras/health')).status).toBe(401);
  });
});
