import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTrackedFileRepository } from '../../../adapters/dynamodb/dynamoTrackedFileRepository';
import { makeTableContext } from '../../../adapters/dynamodb/tableContext';
import type { CameraFrameView } from '../../../core/api/eventsApi';
import type { TrackedFile } from '../../../core/sync/trackedFile';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { stackStores } from '../../support/eventSeeds';
import { ApiClient, startHarness, validLocalSource, type Harness } from '../../support/localStackHarness';

describe('a frame to draw the region of interest on (local stack)', () => {
  let harness: Harness;
  let dynamo: DynamoDBClient;
  let stores: ReturnType<typeof stackStores>;

  beforeAll(async () => {
    harness = await startHarness();
    dynamo = new DynamoDBClient(localClientConfig(harness.stack.endpoints.dynamodb));
    stores = stackStores(harness.stack);
  });

  afterAll(async () => {
    stores.close();
    dynamo.destroy();
    await harness.close();
  });

  it('answers a short-lived URL of the camera\'s newest stored footage, and 404 with what to do when there is none or for another shop', async () => {
    // Prepare: three stored files of cam1 (one still failed) and one of cam2
    const anonymous = new ApiClient(harness.stack.url);
    const { client: shop, tenantId } = await anonymous.signUp('owner@frame.example', 'Cửa hàng Khung');
    const other = (await anonymous.signUp('owner@frame-other.example', 'Khác')).client;
    const sourceId = (await shop.call<{ id: string }>('POST', '/api/sources', validLocalSource)).body.id;
    const files = new DynamoTrackedFileRepository(makeTableContext({ tableName: harness.stack.tableName, client: dynamo }));
    const stored = (id: string, cameraId: string, startAt: string, status: TrackedFile['status'] = 'done'): TrackedFile => ({
      tenantId, sourceId, providerFileId: id, name: `${cameraId}_${startAt.slice(0, 10)}_${id}.mp4`, relativePath: `${id}.mp4`, cameraId, mimeType: 'video/mp4', size: 5, md5: null,
      revision: null, modifiedTime: null, recordingStartAt: startAt, s3Key: `${tenantId}/${sourceId}/${cameraId}/${id}.mp4`, status, attempts: 0, lastError: null, reason: null,
      bytesTransferred: 5, checkpoint: null, runId: null, createdAt: startAt, updatedAt: startAt,
    });
    for (const file of [stored('a', 'cam1', '2025-07-18T02:00:00.000Z'), stored('b', 'cam1', '2025-07-18T03:00:00.000Z'), stored('c', 'cam1', '2025-07-18T04:00:00.000Z', 'failed'), stored('d', 'cam2', '2025-07-18T05:00:00.000Z')]) {
      await files.upsert(file);
      await stores.putClip(file.s3Key ?? '', Buffer.from(`footage ${file.providerFileId}`));
    }

    // Act
    const frame = await shop.call<CameraFrameView>('GET', `/api/sources/${sourceId}/cameras/cam1/frame`);
    const none = await shop.call<{ error: { message: string } }>('GET', `/api/sources/${sourceId}/cameras/cam7/frame`);
    const otherShop = await other.call('GET', `/api/sources/${sourceId}/cameras/cam1/frame`);

    // Assess
    expect(frame.status).toBe(200);
    expect(frame.body).toMatchObject({ fileName: 'cam1_2025-07-18_b.mp4', atSec: 1 });
    expect(await (await fetch(frame.body.url)).text()).toBe('footage b');
    expect(Date.parse(frame.body.expiresAt) - Date.now()).toBeLessThanOrEqual(900_000);
    expect([none.status, none.body.error.message]).toEqual([404, expect.stringMatching(/Sync the source first/)]);
    expect(otherShop.status).toBe(404);
  });
});
