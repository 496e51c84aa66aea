/**
 * A camera's footage becomes searchable clips, end to end: GStreamer's RTSP
 * server streams 12 s of the shared fixture (around two ground-truth orders)
 * at real pace behind the ONVIF device fake; the camera is added
 * through the web routes (the probe answered by the agent's own request
 * poller); the real `vtrack-agent run` takes its configuration from the local
 * stack, records the stream into segments, processes them on site and
 * uploads events and clips to the embedded S3/DynamoDB through the real API
 * handlers; the shop's search finds each ground-truth code at the time it was
 * shown, with a ready clip that plays.
 */
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import { OnvifCamera } from '../../../adapters/onvif/onvifCamera';
import type { EnrolledView, EnrolmentView } from '../../../core/api/agentsApi';
import type { CameraRequestView, SiteCameraView } from '../../../core/api/cameraOnboardingApi';
import type { ClipUrlView, CodeSearchView, EventView } from '../../../core/api/eventsApi';
import { CameraRequestPoller } from '../../../edge-agent/cameras/cameraRequestPoller';
import { segmentStartMs } from '../../../edge-agent/cameras/recorderArgs';
import { AgentApiClient } from '../../../edge-agent/cloud/agentApiClient';
import { saveCredential } from '../../../edge-agent/state/credentialStore';
import { startFakeOnvifDevice, type FakeOnvifDevice } from '../../fakes/onvif';
import { startRtspServer, type FakeRtspServer } from '../../fakes/rtsp/startRtspServer';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';
import { sharedFixtures } from '../processing/helpers/paths';
import { readTruth } from '../processing/helpers/truth';
import { startAgent, type RunningAgent } from './support/agentChild';
import { shownAtInSplice, spliceFixture, type FixturePiece, type TimedOrder } from './support/shortCameraStream';

const quiet = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
/** What the camera shows: the fixture's 2–8 s and 12–18 s, around SPXVN417776317 (3 s) and GHN91500080636 (13.6 s); 12 s in all, for CI's time. */
const PIECES: readonly FixturePiece[] = [
  { from: 2, seconds: 6 },
  { from: 12, seconds: 6 },
];
const truthOrders = readTruth(path.join(sharedFixtures, 'Cam1_20250718_093000.truth.json')).orders as readonly TimedOrder[];
/** The orders the stream shows, each with its seconds from the stream's start. */
const streamedOrders = truthOrders.flatMap((order) => {
  const shownAt = shownAtInSplice(order, PIECES);
  return shownAt === null ? [] : [{ code: order.code, shownAt }];
});
const CAMERA_NAME = 'Bàn đóng gói 1';
const PASSWORD = 'mật-khẩu-9!';

describe('camera footage recorded by the agent becomes searchable clips', () => {
  let dir: string;
  let rtsp: FakeRtspServer;
  let device: FakeOnvifDevice;
  let harness: Harness;
  let shop: ApiClient;
  let agent: RunningAgent | null = null;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-camsearch-'));
    // The stream ends after 12 s and the recorder closes its segment at once, whatever the segment length.
    const short = await spliceFixture(PIECES, dir);
    [rtsp, harness] = await Promise.all([startRtspServer({ file: short, path: '/stream1' }), startHarness()]);
    device = await startFakeOnvifDevice({ username: 'admin', password: PASSWORD, rtspPort: rtsp.port });
    shop = (await new ApiClient(harness.stack.url).signUp('owner@cam-search.example', 'Kho Gò Vấp')).client;
  });
  afterAll(async () => {
    if (agent !== null && agent.child.exitCode === null) {
      agent.child.kill('SIGTERM');
      await once(agent.child, 'exit');
    }
    await Promise.all([rtsp.stop(), device.stop(), harness.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('records the camera added in the web app, processes on site, uploads, and search finds each streamed code at its time with a clip that plays', async () => {
    // Arrange: an agent enrolled with a one-time code; its credential kept where `vtrack-agent enrol` keeps it.
    const anonymous = new ApiClient(harness.stack.url);
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy kho' });
    const enrolled = (await anonymous.call<EnrolledView>('POST', '/api/agent/enrol', { code: made.body.code })).body;
    const stateDir = path.join(dir, 'state');
    await mkdir(stateDir);
    await saveCredential(stateDir, { apiUrl: harness.stack.url, tenantId: enrolled.tenantId, agentId: enrolled.agentId, credential: enrolled.credential });
    // The camera added as the Cameras page does: probe (answered by the agent's poller), then add with the main profile.
    const probe = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId: enrolled.agentId, address: `127.0.0.1:${device.port}`, username: 'admin', password: PASSWORD });
    const poller = new CameraRequestPoller({ cloud: new AgentApiClient(harness.stack.url, enrolled.credential), logger: quiet, connect: (target) => OnvifCamera.connect({ ...target, timeoutMs: 3_000 }), cameras: () => [] });
    await poller.pollOnce();
    const added = await shop.call<SiteCameraView>('POST', '/api/cameras', { probeId: probe.body.requestId, profileToken: 'Profile_1', name: CAMERA_NAME });
    expect(added.status, JSON.stringify(added.body)).toBe(201);

    // Act: the agent starts, takes the camera from the cloud and records until the stream ends.
    agent = startAgent(stateDir, null);
    const lines = agent.lines;
    const logged = (msg: string) => lines.filter((line) => line['msg'] === msg);
    const deadline = Date.now() + 90_000;
    const waitFor = async (what: string, done: () => boolean) => {
      while (!done()) {
        if (Date.now() > deadline || agent?.child.exitCode !== null) throw new Error(`agent: no ${what}:\n${lines.map((line) => JSON.stringify(line)).join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    // All of the stream, by stream copy, in one segment or two (a 5-minute boundary may fall inside it); ffmpeg ends with the stream.
    const recordedSeconds = () => logged('segment queued').reduce((sum, line) => sum + Number(line['seconds']), 0);
    await waitFor('recording of the whole stream', () => logged('recorder stopped; reconnecting').length > 0 && recordedSeconds() > 11);
    // The camera goes away rather than play its stream again.
    await rtsp.stop();
    expect(recordedSeconds()).toBeLessThan(13);
    const segments = logged('segment queued').map((line) => String(line['file']));
    expect(segments.every((file) => file.startsWith(`${added.body.cameraId}_`)), segments.join()).toBe(true);
    const recordedFromMs = Math.min(...segments.map((file) => segmentStartMs(file) ?? Number.NaN));

    // Assess: search finds every streamed order once its clip is ready.
    const codes = streamedOrders.map((order) => order.code);
    expect(codes).toHaveLength(2);
    // An order of the fixture outside the streamed pieces: never shown, never found.
    const notShown = truthOrders.find((order) => shownAtInSplice(order, PIECES) === null)?.code ?? '';
    let found: CodeSearchView['found'] = [];
    let notFound: readonly string[] = [];
    const ready = async (): Promise<boolean> => {
      const answer = await shop.call<CodeSearchView>('POST', '/api/events/search', { codes: [...codes, notShown] });
      ({ found, notFound } = answer.body);
      return codes.every((code) => found.find((entry) => entry.code === code)?.events.some((event) => event.clipState === 'ready') === true);
    };
    while (!(await ready())) {
      if (Date.now() > deadline || agent.child.exitCode !== null) throw new Error(`not searchable: ${JSON.stringify(found)}\n${lines.map((line) => JSON.stringify(line)).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(notFound).toEqual([notShown]);
    for (const order of streamedOrders) {
      const events = found.find((entry) => entry.code === order.code)?.events ?? [];
      // Its time: the recording's UTC start (the segment name, to the second) plus when the fixture shows it.
      const shownAt = recordedFromMs + order.shownAt * 1000;
      const event: EventView | undefined = events.find((candidate) => Math.abs(Date.parse(candidate.start) - shownAt) <= 1_500);
      expect(event, `${order.code} near ${new Date(shownAt).toISOString()}: ${JSON.stringify(events)}`).toBeDefined();
      expect(event).toMatchObject({ cameraId: added.body.cameraId, sourceId: added.body.sourceId, cameraName: CAMERA_NAME, clipState: 'ready' });
      const clip = await shop.call<ClipUrlView>('GET', `/api/events/${event?.id}/clip`);
      expect(clip.status).toBe(200);
      const head = await fetch(clip.body.url, { headers: { range: 'bytes=0-1023' } });
      expect(head.status).toBe(206);
      expect(Buffer.from(await head.arrayBuffer()).subarray(4, 8).toString('latin1')).toBe('ftyp');
    }
  }, 120_000);
});
