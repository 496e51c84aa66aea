import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEventsBody, CompletedUploadView, PartUrlView, UploadView } from '../../../core/api/agentsApi';
import type { ErrorBody } from '../../../core/api/errorCodes';
import { appDependencies } from '../../../functions/wiring';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { LOCAL_BUCKET_NAME } from '../../../infra/local/startLocalStack';
import { agentWithLocalSource } from '../../support/agentShops';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';

const MiB = 1024 * 1024;
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest();
const pattern = (size: number, seed: number) => {
  const bytes = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 7) & 0xff;
  return bytes;
};

describe('agent uploads and events on the local stack (real S3 stand-in, real DynamoDB stand-in)', () => {
  let harness: Harness;
  let anonymous: ApiClient;
  let shopA: ApiClient;
  let shopB: ApiClient;
  let s3: S3Client;
  let tenantA: string;

  beforeAll(async () => {
    harness = await startHarness();
    anonymous = new ApiClient(harness.stack.url);
    const signedUp = await anonymous.signUp('owner@kho-upload-a.example', 'Kho A');
    shopA = signedUp.client;
    tenantA = signedUp.tenantId;
    shopB = (await anonymous.signUp('owner@kho-upload-b.example', 'Kho B')).client;
    s3 = new S3Client({ ...localClientConfig(harness.stack.endpoints.s3), forcePathStyle: true });
  });
  afterAll(() => harness.close());

  const agentWithSource = (shop: ApiClient, name: string) => agentWithLocalSource(anonymous, shop, name);

  /** Open multipart uploads under one source's clips and footage. */
  async function openUploads(sourceIds: readonly string[]): Promise<string[]> {
    const listed = await s3.send(new ListMultipartUploadsCommand({ Bucket: LOCAL_BUCKET_NAME }));
    return (listed.Uploads ?? []).map((upload) => upload.Key ?? '').filter((key) => sourceIds.some((sourceId) => key.includes(`/${sourceId}/`)));
  }

  async function sendParts(agent: ApiClient, uploadId: string, parts: readonly Buffer[]): Promise<string[]> {
    const etags: string[] = [];
    for (const [index, part] of parts.entries()) {
      const url = await agent.call<PartUrlView>('POST', '/api/agent/uploads/part-url', { uploadId, partNumber: index + 1, contentMd5: md5(part).toString('base64') });
      expect(url.status).toBe(200);
      const put = await fetch(url.body.url, { method: 'PUT', body: part, headers: url.body.headers });
      expect(put.status).toBe(200);
      etags.push((put.headers.get('etag') ?? '').replaceAll('"', ''));
    }
    return etags;
  }

  it('uploads a footage file in parts through presigned URLs under a key the cloud chose, and completing twice answers the same', async () => {
    const { agent, sourceId } = await agentWithSource(shopA, 'Máy kho Thủ Đức');
    const parts = [pattern(8 * MiB, 1), pattern(3 * MiB + 17, 2)];
    const whole = Buffer.concat(parts);
    const started = await agent.call<UploadView>('POST', '/api/agent/uploads', {
      kind: 'footage',
      sourceId,
      cameraId: 'cam1',
      fileId: 'abcdef0123456789',
      name: 'Quầy 1 — ca sáng 20250718_093000.mp4',
      day: '2025-07-18',
      size: whole.length,
      md5Hex: md5(whole).toString('hex'),
    });
    expect(started.status).toBe(201);
    expect(started.body).toEqual({ uploadId: expect.stringMatching(/^upl_/), partSize: 8 * MiB, partCount: 2 });
    expect(JSON.stringify(started.body)).not.toContain('Quầy');

    const etags = await sendParts(agent, started.body.uploadId, parts);
    const body = { uploadId: started.body.uploadId, parts: etags.map((etag, index) => ({ partNumber: index + 1, etag })) };
    const completed = await agent.call<CompletedUploadView>('POST', '/api/agent/uploads/complete', body);
    const again = await agent.call<CompletedUploadView>('POST', '/api/agent/uploads/complete', body);

    expect(completed.status).toBe(200);
    expect(again.body).toEqual(completed.body);
    const tenantId = tenantA;
    const key = `${tenantId}/${sourceId}/cam1/2025-07-18/Quầy 1 — ca sáng 20250718_093000.mp4`;
    const stored = await s3.send(new GetObjectCommand({ Bucket: LOCAL_BUCKET_NAME, Key: key }));
    const bytes = Buffer.from(await stored.Body?.transformToByteArray() ?? []);
    expect(bytes.equals(whole)).toBe(true);
    expect(stored.Metadata?.['md5']).toBe(md5(whole).toString('hex'));
    expect(await openUploads([sourceId])).toEqual([]);
  });

  it('signs the part MD5 into the URL: a part sent with another Content-MD5 is refused', async () => {
    const { agent, sourceId } = await agentWithSource(shopA, 'Máy kho Bình Dương');
    const part = pattern(1000, 3);
    const started = await agent.call<UploadView>('POST', '/api/agent/uploads', { kind: 'clip', sourceId, cameraId: 'cam1', eventId: 'evt_sign', size: part.length, md5Hex: md5(part).toString('hex') });
    const url = await agent.call<PartUrlView>('POST', '/api/agent/uploads/part-url', { uploadId: started.body.uploadId, partNumber: 1, contentMd5: md5(part).toString('base64') });

    const forged = await fetch(url.body.url, { method: 'PUT', body: part, headers: { 'content-md5': md5(pattern(1000, 4)).toString('base64') } });
    const tooFar = await agent.call<ErrorBody>('POST', '/api/agent/uploads/part-url', { uploadId: started.body.uploadId, partNumber: 2, contentMd5: md5(part).toString('base64') });

    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(await forged.text()).toMatch(/BadDigest|SignatureDoesNotMatch/);
    expect([tooFar.status, tooFar.body.error.field]).toEqual([400, 'partNumber']);
    const aborted = await agent.call('POST', '/api/agent/uploads/abort', { uploadId: started.body.uploadId });
    expect(aborted.status).toBe(204);
    expect(await openUploads([sourceId])).toEqual([]);
  });

  it('refuses another agent\'s and another tenant\'s sources and uploads, naming the field, and changes nothing', async () => {
    const first = await agentWithSource(shopA, 'Máy một');
    const second = await agentWithSource(shopA, 'Máy hai');
    const foreign = await agentWithSource(shopB, 'Máy cửa hàng B');
    const clip = (sourceId: string) => ({ kind: 'clip', sourceId, cameraId: 'cam1', eventId: 'evt_x', size: 10, md5Hex: md5(pattern(10, 1)).toString('hex') });

    const otherAgents = await first.agent.call<ErrorBody>('POST', '/api/agent/uploads', clip(second.sourceId));
    const otherTenants = await first.agent.call<ErrorBody>('POST', '/api/agent/uploads', clip(foreign.sourceId));
    const own = await second.agent.call<UploadView>('POST', '/api/agent/uploads', clip(second.sourceId));
    const stolenUrl = await first.agent.call<ErrorBody>('POST', '/api/agent/uploads/part-url', { uploadId: own.body.uploadId, partNumber: 1, contentMd5: md5(pattern(10, 1)).toString('base64') });
    const stolenAbort = await foreign.agent.call('POST', '/api/agent/uploads/abort', { uploadId: own.body.uploadId });
    const unsigned = await anonymous.call<ErrorBody>('POST', '/api/agent/uploads', clip(first.sourceId));
    const userToken = await shopA.call<ErrorBody>('POST', '/api/agent/uploads', clip(first.sourceId));

    expect([otherAgents.status, otherAgents.body.error.code]).toEqual([404, 'not_found']);
    expect(otherAgents.body.error.message).toContain('sourceId');
    expect([otherTenants.status, otherTenants.body.error.code]).toEqual([404, 'not_found']);
    expect([stolenUrl.status, stolenUrl.body.error.code]).toEqual([404, 'not_found']);
    expect(stolenAbort.status).toBe(204);
    expect([unsigned.status, userToken.status]).toEqual([401, 401]);
    // The other agent's upload is still open after the foreign abort: only its own agent may end it.
    expect(await openUploads([first.sourceId, second.sourceId, foreign.sourceId])).toHaveLength(1);
    await second.agent.call('POST', '/api/agent/uploads/abort', { uploadId: own.body.uploadId });
    expect(await openUploads([first.sourceId, second.sourceId, foreign.sourceId])).toEqual([]);
  });

  it('refuses bad upload bodies naming the field', async () => {
    const { agent, sourceId } = await agentWithSource(shopA, 'Máy kiểm tra');
    const cases: [unknown, string][] = [
      [{ kind: 'video', sourceId }, 'kind'],
      [{ kind: 'clip', sourceId, cameraId: 'cam1', eventId: '../../etc', size: 1, md5Hex: '0'.repeat(32) }, 'eventId'],
      [{ kind: 'clip', sourceId, cameraId: 'cam1', eventId: 'e1', size: -1, md5Hex: '0'.repeat(32) }, 'size'],
      [{ kind: 'clip', sourceId, cameraId: 'cam1', eventId: 'e1', size: 1, md5Hex: 'xyz' }, 'md5Hex'],
      [{ kind: 'clip', sourceId, cameraId: 'cam1', eventId: 'e1', size: 1, md5Hex: '0'.repeat(32), key: 'other-tenant/x.mp4' }, 'body'],
    ];
    for (const [body, field] of cases) {
      const answer = await agent.call<ErrorBody>('POST', '/api/agent/uploads', body);
      expect([answer.status, answer.body.error.field]).toEqual([400, field]);
    }
    const badComplete = await agent.call<ErrorBody>('POST', '/api/agent/uploads/complete', { uploadId: 'upl_x', parts: [{ partNumber: 1, etag: 'not-an-etag' }] });
    expect([badComplete.status, badComplete.body.error.field]).toEqual([400, 'parts.0.etag']);
    expect(await openUploads([sourceId])).toEqual([]);
  });

  it('refuses a revoked agent at once and aborts its open uploads', async () => {
    const { agent, agentId, sourceId } = await agentWithSource(shopA, 'Máy bị thu hồi');
    const part = pattern(5000, 9);
    const started = await agent.call<UploadView>('POST', '/api/agent/uploads', { kind: 'clip', sourceId, cameraId: 'cam1', eventId: 'evt_rev', size: part.length, md5Hex: md5(part).toString('hex') });
    expect(await openUploads([sourceId])).toHaveLength(1);

    const revoked = await shopA.call('POST', `/api/agents/${agentId}/revoke`);
    const after = await agent.call<ErrorBody>('POST', '/api/agent/uploads/part-url', { uploadId: started.body.uploadId, partNumber: 1, contentMd5: md5(part).toString('base64') });

    expect(revoked.status).toBe(200);
    expect(after.status).toBe(401);
    expect(await openUploads([sourceId])).toEqual([]);
  });

  it('stores an agent\'s events for a camera window in the events store, with the clip key the cloud chose', async () => {
    const { agentId, sourceId, agent } = await agentWithSource(shopA, 'Máy sự kiện');
    const clip = pattern(4000, 5);
    const started = await agent.call<UploadView>('POST', '/api/agent/uploads', { kind: 'clip', sourceId, cameraId: 'cam1', eventId: 'evt_one', size: clip.length, md5Hex: md5(clip).toString('hex') });
    const [etag = ''] = await sendParts(agent, started.body.uploadId, [clip]);
    await agent.call('POST', '/api/agent/uploads/complete', { uploadId: started.body.uploadId, parts: [{ partNumber: 1, etag }] });
    const events = appDependencies().events;
    const call = (body: unknown) => agent.call<Record<string, unknown> & ErrorBody>('POST', '/api/agent/events', body);
    const wire = (id: string, start: string, clipUploaded: boolean): AgentEventsBody['events'][number] => ({
      id,
      trackingCodes: [' ghn 123 456 ', 'GHN123456'],
      start,
      end: new Date(Date.parse(start) + 20_000).toISOString(),
      clipStart: start,
      clipEnd: new Date(Date.parse(start) + 25_000).toISOString(),
      files: [{ fileId: 'abcdef0123456789', name: 'Cam1_20250718_093000.mp4', day: '2025-07-18', fromSec: 1, toSec: 21, uploaded: false }],
      labelSighting: { atClipSec: 2, bbox: { x: 10, y: 20, width: 100, height: 60 } },
      clipUploaded,
      truncated: false,
    });
    const window = { sourceId, cameraId: 'cam1', from: '2025-07-18T02:30:00.000Z', to: '2025-07-18T02:31:30.000Z' };

    const first = await call({ ...window, events: [wire('evt_one', '2025-07-18T02:30:05.000Z', true), wire('evt_two', '2025-07-18T02:30:40.000Z', false)] });
    const again = await call({ ...window, events: [wire('evt_one', '2025-07-18T02:30:05.000Z', true)] });
    const outside = await call({ ...window, events: [wire('evt_late', '2025-07-18T02:35:00.000Z', false)] });
    const notUploaded = await call({ ...window, events: [wire('evt_none', '2025-07-18T02:30:05.000Z', true)] });
    const foreign = await agentWithSource(shopA, 'Máy khác');
    const otherSource = await call({ ...window, sourceId: foreign.sourceId, events: [] });

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ stored: 2, removed: [] });
    expect(again.body).toEqual({ stored: 1, removed: ['evt_two'] });
    const tenantId = tenantA;
    expect(await events.get(tenantId, 'evt_one')).toEqual(
      expect.objectContaining({
        tenantId,
        sourceId,
        cameraId: 'cam1',
        trackingCodes: ['GHN123456'],
        clip: { state: 'ready', s3Key: `${tenantId}/clips/${sourceId}/cam1/evt_one.mp4`, bytes: clip.length, error: null },
        files: [{ providerFileId: 'edge-abcdef0123456789', s3Key: '', name: 'Cam1_20250718_093000.mp4', fromSec: 1, toSec: 21 }],
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: LOCAL_BUCKET_NAME, Key: `${tenantId}/clips/${sourceId}/cam1/evt_one.mp4` }));
    expect(head.ContentLength).toBe(clip.length);
    expect([outside.status, outside.body.error.field]).toEqual([400, 'events.0.start']);
    expect([notUploaded.status, notUploaded.body.error.field]).toEqual([400, 'events.0.clipUploaded']);
    expect(otherSource.status).toBe(404);
    const window0 = { tenantId: tenantA, sourceId, cameraId: 'cam1', from: window.from, to: window.to };
    expect((await events.listByCamera(window0, 10)).map((event) => event.id)).toEqual(['evt_one']);
    expect(agentId).toMatch(/^agt_/);
  });
});
