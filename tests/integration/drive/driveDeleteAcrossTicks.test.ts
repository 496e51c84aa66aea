/**
 * Deleting a big source in the background (issue #10 item 7): one bounded step
 * in the DELETE request, then one per dispatcher tick, on the local stack's
 * real DynamoDB and S3 stand-ins. The clock is the one injected port moved on
 * by hand (every reading 20 ms later), so each step covers a known share of
 * the work however fast this machine is.
 */
import { CreateMultipartUploadCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { SourceView } from '../../../core/api/sourcesApi';
import type { Clock } from '../../../core/ports/clock';
import { deleteSource } from '../../../core/sources/deleteSource';
import type { TrackedFile } from '../../../core/sync/trackedFile';
import { makeHandler as makeClaimDueSources } from '../../../functions/sync/claimDueSources';
import { appDependencies } from '../../../functions/wiring';
import { localLambdaContext } from '../../../infra/local/lambda/localLambdaContext';
import { googleShopForFile } from '../../support/googleShop';

/** Files the source tracks beyond the ones a real sync stored; enough for several steps. */
const SEEDED_FILES = 1200;
const SEEDED_OBJECTS = 60;
const TICK_MS = 20;

/** Every reading is TICK_MS later than the one before: a step's time budget covers a fixed number of files. */
function steppingClock(): Clock {
  let at = Date.now();
  return { now: () => new Date((at += TICK_MS)) };
}

describe('deleting a big source across dispatcher ticks', () => {
  const googleShop = googleShopForFile('owner@bigdelete.example', 'Kho lớn');

  const bucket = (): string => googleShop().google.harness.stack.bucketName;

  it('removes a little more at every tick, never starts a sync meanwhile, and at the end leaves nothing, a late landing included', { timeout: 300_000 }, async () => {
    // Prepare: a source synced for real, then grown to 1,200 more stored files as a long-lived source would be.
    const { google, shop, tenantId, s3, stored, createDriveSource } = googleShop();
    const folder = google.fake.drive.addFolder({ name: 'Kho Thủ Đức' });
    for (let i = 0; i < 5; i += 1) google.fake.drive.addFile({ name: `Cam1_20250718_08000${i}.mp4`, parentId: folder, content: Buffer.from(`clip ${i}`) });
    const sourceId = await createDriveSource(folder, 'Kho Thủ Đức', 5);
    await google.harness.stack.settle();
    const prefix = `${tenantId}/${sourceId}/`;
    const app = appDependencies();
    const now = new Date().toISOString();
    for (let i = 0; i < SEEDED_FILES; i += 1) {
      const name = `Cam2_20250717_${String(100000 + i)}.mp4`;
      const s3Key = `${prefix}cam2/2025-07-17/${name}`;
      await app.trackedFiles.upsert(seededFile(tenantId, sourceId, `seed${i}`, name, s3Key, now));
      if (i < SEEDED_OBJECTS) await s3.send(new PutObjectCommand({ Bucket: bucket(), Key: s3Key, Body: `bytes of ${name}` }));
    }
    const runsBefore = (await shop.call<{ items: unknown[] }>('GET', `/api/sources/${sourceId}/runs`)).body.items.length;
    const clock = steppingClock();
    const tick = makeClaimDueSources(() => ({ ...appDependencies(), clock }));

    // Act: the DELETE request's step, then dispatcher ticks until the source is gone; a late object lands after the first tick.
    const first = await deleteSource({ ...app, files: app.trackedFiles, clock }, { tenantId } as Parameters<typeof deleteSource>[1], sourceId, { keepFootage: false });
    const removedAt: number[] = [first.filesRemoved];
    const claimedAtTicks: string[] = [];
    let runsDuring = runsBefore;
    for (let ticks = 0; ticks < 20; ticks += 1) {
      const claimed = await tick({}, localLambdaContext('ClaimDueSources', 60));
      claimedAtTicks.push(...claimed.map((c) => c.sourceId));
      const source = await shop.call<SourceView>('GET', `/api/sources/${sourceId}`);
      if (source.status === 404) break;
      expect(source.body).toMatchObject({ status: 'deleting', nextSyncAt: null });
      removedAt.push(source.body.deletion?.filesRemoved ?? -1);
      runsDuring = (await shop.call<{ items: unknown[] }>('GET', `/api/sources/${sourceId}/runs`)).body.items.length;
      if (ticks === 0) {
        await s3.send(new PutObjectCommand({ Bucket: bucket(), Key: `${prefix}cam2/2025-07-17/late-landing.mp4`, Body: 'a transfer that finished late' }));
        await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket(), Key: `${prefix}cam2/2025-07-17/late-upload.mp4` }));
      }
    }

    // Assess: several steps, each further on; no sync started; nothing of the source left.
    expect(first.done).toBe(false);
    expect(removedAt.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < removedAt.length; i += 1) expect(removedAt[i]).toBeGreaterThan(removedAt[i - 1] ?? 0);
    expect(claimedAtTicks).not.toContain(sourceId);
    expect(runsDuring).toBe(runsBefore);
    expect((await shop.call('GET', `/api/sources/${sourceId}`)).status).toBe(404);
    expect(await stored.objectKeys(prefix)).toEqual([]);
    expect(await stored.openUploads(prefix)).toBe(0);
    expect(await stored.sourceItems(sourceId)).toBe(0);
  });
});

function seededFile(tenantId: string, sourceId: string, providerFileId: string, name: string, s3Key: string, now: string): TrackedFile {
  return {
    tenantId,
    sourceId,
    providerFileId,
    name,
    relativePath: `Cam2/${name}`,
    rootFolderId: null,
    cameraId: 'cam2',
    mimeType: 'video/mp4',
    size: 1000,
    md5: null,
    revision: '1',
    modifiedTime: now,
    recordingStartAt: now,
    s3Key,
    status: 'done',
    attempts: 1,
    lastError: null,
    reason: null,
    bytesTransferred: 1000,
    checkpoint: null,
    runId: 'run_seed',
    createdAt: now,
    updatedAt: now,
  };
}
