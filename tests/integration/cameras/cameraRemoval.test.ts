/**
 * Removing a camera added from the web app, with what the agent already sent
 * for it: a recorded segment (footage under the camera's own source), a clip
 * cut on site and the order found in it. Kept by default; with
 * `keepFootage=false` the footage, the clip, the order and every item of the
 * camera's source go, and nothing of another camera is touched.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import { OnvifCamera } from '../../../adapters/onvif/onvifCamera';
import type { AgentEventsBody, CompletedUploadView, EnrolledView, EnrolmentView, PartUrlView, UploadView } from '../../../core/api/agentsApi';
import type { CameraRequestView, SiteCameraView, SiteCamerasView } from '../../../core/api/cameraOnboardingApi';
import { CameraRequestPoller } from '../../../edge-agent/cameras/cameraRequestPoller';
import { AgentApiClient } from '../../../edge-agent/cloud/agentApiClient';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { startFakeOnvifDevice, type FakeOnvifDevice } from '../../fakes/onvif';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';

const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest();
const PASSWORD = 'mật-khẩu-9!';

describe('removing a camera', () => {
  let harness: Harness;
  let shop: ApiClient;
  let tenantId: string;
  let agent: ApiClient;
  let agentId: string;
  let poller: CameraRequestPoller;
  let device: FakeOnvifDevice;
  let s3: S3Client;
  let dynamo: DynamoDBDocumentClient;

  beforeAll(async () => {
    harness = await startHarness();
    const anonymous = new ApiClient(harness.stack.url);
    const signedUp = await anonymous.signUp('owner@cam-remove.example', 'Kho Gò Vấp');
    shop = signedUp.client;
    tenantId = signedUp.tenantId;
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy kho Gò Vấp' });
    const enrolled = await anonymous.call<EnrolledView>('POST', '/api/agent/enrol', { code: made.body.code });
    agentId = enrolled.body.agentId;
    agent = anonymous.withToken(enrolled.body.credential);
    const credential = enrolled.body.credential;
    device = await startFakeOnvifDevice({ username: 'admin', password: PASSWORD, rtspPort: 8554 });
    poller = new CameraRequestPoller({ cloud: new AgentApiClient(harness.stack.url, credential), logger, connect: (target) => OnvifCamera.connect({ ...target, timeoutMs: 3_000 }), cameras: () => [], snapshotEveryMs: 3_600_000 });
    s3 = new S3Client({ ...localClientConfig(harness.stack.endpoints.s3), forcePathStyle: true });
    dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(harness.stack.endpoints.dynamodb)));
  });
  afterAll(async () => {
    s3.destroy();
    dynamo.destroy();
    await device.stop();
    await harness.close();
  });

  /** A camera added as the Cameras page does it: probe through the agent, then add (one device: each camera on its own profile). */
  async function addCamera(name: string, profileToken: 'Profile_1' | 'Profile_2'): Promise<SiteCameraView> {
    const probe = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId, address: `127.0.0.1:${device.port}`, username: 'admin', password: PASSWORD });
    await poller.pollOnce();
    const added = await shop.call<SiteCameraView>('POST', '/api/cameras', { probeId: probe.body.requestId, profileToken, name });
    expect(added.status).toBe(201);
    return added.body;
  }

  /** What the agent sends for one recorded segment with one order in it: the segment, the clip cut on site, and the order. */
  async function recordOrder(camera: SiteCameraView, code: string): Promise<void> {
    const segment = Buffer.from(`segment of ${camera.cameraId}`);
    const clip = Buffer.from(`clip of ${camera.cameraId}`);
    const name = `${camera.cameraId}_20261203_023000.mp4`;
    const upload = async (body: Record<string, unknown>, bytes: Buffer) => {
      const started = await agent.call<UploadView>('POST', '/api/agent/uploads', { ...body, sourceId: camera.sourceId, cameraId: camera.cameraId, size: bytes.length, md5Hex: md5(bytes).toString('hex') });
      expect(started.status).toBe(201);
      const url = await agent.call<PartUrlView>('POST', '/api/agent/uploads/part-url', { uploadId: started.body.uploadId, partNumber: 1, contentMd5: md5(bytes).toString('base64') });
      const put = await fetch(url.body.url, { method: 'PUT', body: bytes, headers: url.body.headers });
      const etag = (put.headers.get('etag') ?? '').replaceAll('"', '');
      const completed = await agent.call<CompletedUploadView>('POST', '/api/agent/uploads/complete', { uploadId: started.body.uploadId, parts: [{ partNumber: 1, etag }] });
      expect(completed.status).toBe(200);
    };
    const fileId = createHash('sha256').update(camera.cameraId).digest('hex').slice(0, 16);
    await upload({ kind: 'footage', fileId, name, day: '2026-12-03' }, segment);
    const eventId = `evt_${camera.cameraId.replace(/-/g, '_')}`;
    await upload({ kind: 'clip', eventId }, clip);
    const event: AgentEventsBody['events'][number] = {
      id: eventId,
      trackingCodes: [code],
      start: '2026-12-03T02:30:05.000Z',
      end: '2026-12-03T02:30:25.000Z',
      clipStart: '2026-12-03T02:30:03.000Z',
      clipEnd: '2026-12-03T02:30:28.000Z',
      files: [{ fileId, name, day: '2026-12-03', fromSec: 5, toSec: 25, uploaded: true }],
      labelSighting: null,
      clipUploaded: true,
      truncated: false,
    };
    const sent = await agent.call('POST', '/api/agent/events', { sourceId: camera.sourceId, cameraId: camera.cameraId, from: '2026-12-03T02:30:00.000Z', to: '2026-12-03T02:35:00.000Z', events: [event] });
    expect(sent.status).toBe(200);
  }

  const objectsUnder = async (prefix: string): Promise<string[]> =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: harness.stack.bucketName, Prefix: prefix }))).Contents ?? []).map((object) => object.Key ?? '');
  const sourceItems = async (sourceId: string): Promise<number> =>
    (await dynamo.send(new QueryCommand({ TableName: harness.stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `T#${tenantId}#S#${sourceId}` } }))).Items?.length ?? 0;
  const found = async (code: string): Promise<number> => (await shop.call<{ items: unknown[] }>('GET', `/api/events?prefix=${code}`)).body.items.length;

  it('with keepFootage=false deletes its footage, its clips, its orders and its source; another camera keeps all of its own', async () => {
    // Prepare: two cameras, each with a segment, a clip and an order.
    const removed = await addCamera('Bàn 1', 'Profile_1');
    const kept = await addCamera('Bàn 2', 'Profile_2');
    await recordOrder(removed, 'GHN111222333');
    await recordOrder(kept, 'GHN444555666');
    expect(await objectsUnder(`${tenantId}/${removed.sourceId}/`)).toHaveLength(1);
    expect(await objectsUnder(`${tenantId}/clips/${removed.sourceId}/`)).toHaveLength(1);
    expect(await sourceItems(removed.sourceId)).toBeGreaterThan(0);
    expect(await found('GHN111222333')).toBe(1);

    // Act
    const answer = await shop.call<{ cameraId: string; keepFootage: boolean }>('DELETE', `/api/cameras/${removed.cameraId}?keepFootage=false`);
    await harness.stack.dispatchNow();

    // Assess: nothing of the removed camera is left.
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ cameraId: removed.cameraId, keepFootage: false });
    expect((await shop.call<SiteCamerasView>('GET', '/api/cameras/added')).body.items.map((camera) => camera.cameraId)).toEqual([kept.cameraId]);
    expect((await shop.call('GET', `/api/sources/${removed.sourceId}`)).status).toBe(404);
    expect(await objectsUnder(`${tenantId}/${removed.sourceId}/`)).toEqual([]);
    expect(await objectsUnder(`${tenantId}/clips/${removed.sourceId}/`)).toEqual([]);
    expect(await sourceItems(removed.sourceId)).toBe(0);
    expect(await found('GHN111222333')).toBe(0);
    // The other camera keeps its footage, clip and order.
    expect(await objectsUnder(`${tenantId}/${kept.sourceId}/`)).toHaveLength(1);
    expect(await objectsUnder(`${tenantId}/clips/${kept.sourceId}/`)).toHaveLength(1);
    expect(await found('GHN444555666')).toBe(1);
  });

  it('by default keeps its footage, clip and order searchable under its paused source', async () => {
    // Prepare
    const camera = await addCamera('Bàn 3', 'Profile_1');
    await recordOrder(camera, 'GHN777888999');

    // Act
    const answer = await shop.call<{ keepFootage: boolean }>('DELETE', `/api/cameras/${camera.cameraId}`);

    // Assess
    expect(answer.body.keepFootage).toBe(true);
    expect((await shop.call<{ status: string }>('GET', `/api/sources/${camera.sourceId}`)).body.status).toBe('paused');
    expect(await objectsUnder(`${tenantId}/${camera.sourceId}/`)).toHaveLength(1);
    expect(await objectsUnder(`${tenantId}/clips/${camera.sourceId}/`)).toHaveLength(1);
    expect(await found('GHN777888999')).toBe(1);
  });
});
