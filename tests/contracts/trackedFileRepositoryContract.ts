import { describe, expect, test } from 'vitest';
import { ConflictError, ValidationError } from '../../core/errors';
import type { TrackedFileRepository } from '../../core/ports/trackedFileRepository';
import { caught } from '../integration/standins/support/caught';
import { useContractSubject, type ContractFactory } from './support/contractSubject';
import { describePlannerUpsertContract } from './support/plannerUpsertContract';
import { at, checkpoint, idsOf, PART_SIZE, ref, S, T, trackedFile as file } from './support/trackedFiles';

/**
 * What every TrackedFileRepository promises (core/ports/trackedFileRepository.ts):
 * the transfer claim and its lease, checkpoints, the status transitions, the
 * planner's upsert (see plannerUpsertContract) and paging.
 */
export function describeTrackedFileRepositoryContract(name: string, factory: ContractFactory<TrackedFileRepository>): void {
  describe(`TrackedFileRepository contract: ${name}`, () => {
    const fresh = useContractSubject(factory);

    test('a claimed file is refused to another run until its lease lapses', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('f1'));

      // Act
      const first = await repo.claimForTransfer(ref('f1'), { runId: 'run-a', now: at(10), leaseUntil: at(70) });
      const whileLive = await repo.claimForTransfer(ref('f1'), { runId: 'run-b', now: at(69), leaseUntil: at(129) });
      const afterLapse = await repo.claimForTransfer(ref('f1'), { runId: 'run-b', now: at(70), leaseUntil: at(130) });

      // Assess
      expect(first).toMatchObject({ status: 'transferring', runId: 'run-a', updatedAt: at(10) });
      expect(whileLive).toBeNull();
      expect(afterLapse).toMatchObject({ status: 'transferring', runId: 'run-b', updatedAt: at(70) });
    });

    test('a run that lost its claim cannot save a checkpoint, mark done, fail or release the file; the new holder keeps it', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('f2'));
      await repo.claimForTransfer(ref('f2'), { runId: 'run-a', now: at(10), leaseUntil: at(20) });
      await repo.claimForTransfer(ref('f2'), { runId: 'run-b', now: at(30), leaseUntil: at(90) });

      // Act
      const save = await caught(repo.saveCheckpoint(ref('f2'), 'run-a', checkpoint(1), at(100)));
      const done = await caught(repo.markDone(ref('f2'), 'run-a', { now: at(31), bytes: 1 }));
      const failed = await caught(repo.markFailed(ref('f2'), 'run-a', { now: at(31), error: 'x' }));
      const retry = await caught(repo.releaseForRetry(ref('f2'), 'run-a', { now: at(31), error: 'x', keepCheckpoint: true }));
      await repo.releaseClaim(ref('f2'), 'run-a', at(32));
      const thirdRun = await repo.claimForTransfer(ref('f2'), { runId: 'run-c', now: at(33), leaseUntil: at(93) });

      // Assess
      for (const refused of [save, done, failed, retry]) expect(refused).toBeInstanceOf(ConflictError);
      expect(thirdRun).toBeNull();
      expect(await repo.get(ref('f2'))).toMatchObject({ status: 'transferring', runId: 'run-b', checkpoint: null });
      await expect(repo.saveCheckpoint(ref('f2'), 'run-b', checkpoint(1), at(95))).resolves.toBeUndefined();
    });

    test('a missing file cannot be claimed and no run holds it', async () => {
      // Prepare
      const repo = await fresh();

      // Act
      const claimed = await repo.claimForTransfer(ref('nothing'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
      const save = await caught(repo.saveCheckpoint(ref('nothing'), 'run-a', checkpoint(1), at(60)));

      // Assess
      expect(claimed).toBeNull();
      expect(save).toBeInstanceOf(ConflictError);
      expect(await repo.get(ref('nothing'))).toBeNull();
    });

    test('a checkpoint round-trips with part numbers and sizes, its bytes show as progress, and it extends the lease', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('f3'));
      await repo.claimForTransfer(ref('f3'), { runId: 'run-a', now: at(10), leaseUntil: at(70) });
      const saved = checkpoint(3);

      // Act
      await repo.saveCheckpoint(ref('f3'), 'run-a', saved, at(130));
      const row = await repo.get(ref('f3'));
      const beforeNewLease = await repo.claimForTransfer(ref('f3'), { runId: 'run-b', now: at(100), leaseUntil: at(160) });

      // Assess
      expect(row?.checkpoint).toEqual(saved);
      expect(row).toMatchObject({ bytesTransferred: 3 * PART_SIZE, updatedAt: saved.updatedAt });
      expect(beforeNewLease).toBeNull();
    });

    test('an upload with part checksums and no parts yet round-trips; a part without a valid CRC32 is refused', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('f3d'));
      await repo.claimForTransfer(ref('f3d'), { runId: 'run-a', now: at(10), leaseUntil: at(70) });
      const empty = checkpoint(0);
      const broken = checkpoint(2, { parts: checkpoint(2).parts.map((part) => (part.partNumber === 2 ? { ...part, checksumCrc32: 'not-a-crc' } : part)) });

      // Act
      await repo.saveCheckpoint(ref('f3d'), 'run-a', empty, at(130));
      const row = await repo.get(ref('f3d'));
      const refused = await caught(repo.saveCheckpoint(ref('f3d'), 'run-a', broken, at(130)));

      // Assess
      expect(row?.checkpoint).toEqual(empty);
      expect(refused).toBeInstanceOf(ValidationError);
      expect((refused as Error).message).toBe('part 2 has no valid CRC32 checksum');
      expect((await repo.get(ref('f3d')))?.checkpoint).toEqual(empty);
    });

    test('a checkpoint without part checksums (written before them) reads back without them', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('f3e'));
      await repo.claimForTransfer(ref('f3e'), { runId: 'run-a', now: at(10), leaseUntil: at(70) });
      const { partChecksum: _p, ...legacy } = checkpoint(2, { parts: checkpoint(2).parts.map(({ checksumCrc32: _crc, ...part }) => part) });

      // Act
      await repo.saveCheckpoint(ref('f3e'), 'run-a', legacy, at(130));
      const row = await repo.get(ref('f3e'));

      // Assess
      expect(row?.checkpoint).toEqual(legacy);
      expect(row?.checkpoint?.partChecksum).toBeUndefined();
      expect(row?.checkpoint?.parts.map((part) => part.checksumCrc32)).toEqual([undefined, undefined]);
    });

    test('failed is final unless the claim asks to retry failed files', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('f5'));
      await repo.claimForTransfer(ref('f5'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
      await repo.saveCheckpoint(ref('f5'), 'run-a', checkpoint(1), at(60));
      const failed = await repo.markFailed(ref('f5'), 'run-a', { now: at(2), error: 'downloadQuotaExceeded' });

      // Act
      const automatic = await repo.claimForTransfer(ref('f5'), { runId: 'run-b', now: at(3), leaseUntil: at(60) });
      const explicit = await repo.claimForTransfer(ref('f5'), { runId: 'run-b', now: at(3), leaseUntil: at(60), retryFailed: true });

      // Assess
      expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastError: 'downloadQuotaExceeded', checkpoint: null, bytesTransferred: 0 });
      expect(automatic).toBeNull();
      expect(explicit).toMatchObject({ status: 'transferring', attempts: 1 });
    });

    test('a failed file keeps its retry plan, and requeueFailed makes it pending again with its attempts started over', async () => {
      // Prepare: a file failed twice over, its next attempt planned.
      const repo = await fresh();
      await repo.upsert(file('f6'));
      await repo.claimForTransfer(ref('f6'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
      const failed = await repo.markFailed(ref('f6'), 'run-a', {
        now: at(2),
        error: 'Google Drive refused the download: downloadQuotaExceeded',
        errorCode: 'drive_quota',
        retry: { nextAttemptAt: at(50), failedRounds: 2 },
      });

      // Act
      const requeued = await repo.requeueFailed(ref('f6'), at(51), { resetRounds: false });
      const again = await repo.requeueFailed(ref('f6'), at(52), { resetRounds: false });
      const row = await repo.get(ref('f6'));
      const pending = idsOf(await repo.listByStatus(T, S, 'pending', { limit: 10 }));
      const claimed = await repo.claimForTransfer(ref('f6'), { runId: 'run-b', now: at(53), leaseUntil: at(99) });

      // Assess
      expect(failed).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: at(50), failedRounds: 2, lastErrorCode: 'drive_quota' });
      expect([requeued, again]).toEqual([true, false]);
      expect(row).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: null, failedRounds: 2, updatedAt: at(51) });
      expect(row?.lastError).toMatch(/downloadQuotaExceeded/);
      expect(pending).toEqual(['f6']);
      expect(claimed).toMatchObject({ status: 'transferring', runId: 'run-b' });
    });

    test('an explicit retry starts the waits over; a file that is not failed is left alone', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('f7'));
      await repo.upsert(file('f8'));
      await repo.claimForTransfer(ref('f7'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
      await repo.markFailed(ref('f7'), 'run-a', { now: at(2), error: 'cannotDownloadAbusiveFile', retry: { nextAttemptAt: null, failedRounds: 1 } });

      // Act
      const retried = await repo.requeueFailed(ref('f7'), at(3), { resetRounds: true });
      const pendingOne = await repo.requeueFailed(ref('f8'), at(3), { resetRounds: true });

      // Assess
      expect(retried).toBe(true);
      expect(await repo.get(ref('f7'))).toMatchObject({ status: 'pending', failedRounds: 0, nextAttemptAt: null });
      expect(pendingOne).toBe(false);
      expect(await repo.get(ref('f8'))).toMatchObject({ status: 'pending', updatedAt: at(0) });
    });

    test('releaseForRetry counts the attempt, keeps or drops the checkpoint as asked, and frees the file at once', async () => {
      // Prepare
      const repo = await fresh();
      for (const id of ['keep', 'drop']) {
        await repo.upsert(file(id));
        await repo.claimForTransfer(ref(id), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
        await repo.saveCheckpoint(ref(id), 'run-a', checkpoint(1), at(60));
      }

      // Act
      const kept = await repo.releaseForRetry(ref('keep'), 'run-a', { now: at(5), error: 'Drive 503', keepCheckpoint: true });
      const dropped = await repo.releaseForRetry(ref('drop'), 'run-a', { now: at(5), error: 'checksum mismatch', keepCheckpoint: false });
      const reclaimed = await repo.claimForTransfer(ref('keep'), { runId: 'run-b', now: at(6), leaseUntil: at(66) });

      // Assess
      expect(kept).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Drive 503', bytesTransferred: PART_SIZE, updatedAt: at(5) });
      expect(kept.checkpoint?.parts).toHaveLength(1);
      expect(dropped).toMatchObject({ status: 'pending', attempts: 1, lastError: 'checksum mismatch', bytesTransferred: 0, checkpoint: null });
      expect(reclaimed).toMatchObject({ status: 'transferring', runId: 'run-b', checkpoint: checkpoint(1) });
    });

    test('markDone ends the transfer, is idempotent for the run that did it, and refuses any other run', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('f6'));
      await repo.claimForTransfer(ref('f6'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
      await repo.saveCheckpoint(ref('f6'), 'run-a', checkpoint(1), at(60));
      const first = await repo.markDone(ref('f6'), 'run-a', { now: at(2), bytes: 20_000_000 });

      // Act
      const second = await repo.markDone(ref('f6'), 'run-a', { now: at(3), bytes: 20_000_000 });
      const other = await caught(repo.markDone(ref('f6'), 'run-b', { now: at(3), bytes: 20_000_000 }));

      // Assess
      expect(first).toMatchObject({ status: 'done', bytesTransferred: 20_000_000, checkpoint: null, lastError: null, updatedAt: at(2) });
      expect(second).toEqual(first);
      expect(other).toBeInstanceOf(ConflictError);
    });

    test('clearCheckpoint removes only the checkpoint of the named upload', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('f7'));
      await repo.claimForTransfer(ref('f7'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
      await repo.saveCheckpoint(ref('f7'), 'run-a', checkpoint(1, { uploadId: 'newer' }), at(60));

      // Act
      const other = await repo.clearCheckpoint(ref('f7'), 'older', at(10));
      const named = await repo.clearCheckpoint(ref('f7'), 'newer', at(11));

      // Assess
      expect(other).toBe(false);
      expect(named).toBe(true);
      expect(await repo.get(ref('f7'))).toMatchObject({ checkpoint: null, bytesTransferred: 0, status: 'transferring' });
    });

    test('markExpired turns a done file stored at that key into expired, and nothing else', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('e1'));
      await repo.claimForTransfer(ref('e1'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
      await repo.markDone(ref('e1'), 'run-a', { now: at(2), bytes: 20_000_000 });
      await repo.upsert(file('e2'));

      // Act
      const otherKey = await repo.markExpired(ref('e1'), `${T}/footage/an-older-revision.mp4`, at(3));
      const notDone = await repo.markExpired(ref('e2'), `${T}/footage/e2.mp4`, at(3));
      const expired = await repo.markExpired(ref('e1'), `${T}/footage/e1.mp4`, at(4));
      const again = await repo.markExpired(ref('e1'), `${T}/footage/e1.mp4`, at(5));

      // Assess
      expect([otherKey, notDone, expired, again]).toEqual([false, false, true, false]);
      expect(await repo.get(ref('e1'))).toMatchObject({ status: 'expired', updatedAt: at(4), reason: expect.stringMatching(/retention/) });
      expect(await repo.get(ref('e2'))).toMatchObject({ status: 'pending' });
      expect(idsOf(await repo.listByStatus(T, S, 'expired', { limit: 10 }))).toEqual(['e1']);
    });

    test('listByStatus follows status changes, newest first, in pages', async () => {
      // Prepare
      const repo = await fresh();
      for (let i = 1; i <= 5; i += 1) await repo.upsert(file(`p${i}`, { updatedAt: at(i) }));
      await repo.claimForTransfer(ref('p3'), { runId: 'run-a', now: at(20), leaseUntil: at(80) });
      await repo.markDone(ref('p3'), 'run-a', { now: at(21), bytes: 1 });

      // Act
      const ids: string[] = [];
      let pageToken: string | null = null;
      do {
        const page = await repo.listByStatus(T, S, 'pending', { limit: 2, pageToken });
        expect(page.items.length).toBeLessThanOrEqual(2);
        ids.push(...idsOf(page));
        pageToken = page.nextPageToken;
      } while (pageToken !== null);
      const done = await repo.listByStatus(T, S, 'done', { limit: 10 });
      const transferring = await repo.listByStatus(T, S, 'transferring', { limit: 10 });

      // Assess
      expect(ids).toEqual(['p5', 'p4', 'p2', 'p1']);
      expect(idsOf(done)).toEqual(['p3']);
      expect(idsOf(transferring)).toEqual([]);
    });

    test('list pages through one source\'s files in provider id order (UTF-8 byte order)', async () => {
      // Prepare
      const repo = await fresh();
      for (const id of ['c', 'a', 'á', 'B', 'b']) await repo.upsert(file(id));
      await repo.upsert({ ...file('other'), sourceId: 'another-source' });

      // Act
      const first = await repo.list(T, S, { limit: 2 });
      const second = await repo.list(T, S, { limit: 2, pageToken: first.nextPageToken });
      const third = await repo.list(T, S, { limit: 2, pageToken: second.nextPageToken });

      // Assess
      expect([...idsOf(first), ...idsOf(second), ...idsOf(third)]).toEqual(['B', 'a', 'b', 'c', 'á']);
      expect(third.nextPageToken).toBeNull();
    });

    test('a page token that is not one the repository gave is refused, naming the field', async () => {
      // Prepare
      const repo = await fresh();

      // Act
      const refused = await caught(repo.list(T, S, { limit: 2, pageToken: '%%%not a token' }));

      // Assess
      expect(refused).toBeInstanceOf(ValidationError);
      expect((refused as ValidationError).field).toBe('pageToken');
    });

    describePlannerUpsertContract(fresh);
  });
}
