import { describe, expect, test } from 'vitest';
import { ConflictError } from '../../../core/errors';
import type { TrackedFileRepository } from '../../../core/ports/trackedFileRepository';
import { caught } from '../../integration/standins/support/caught';
import { at, checkpoint, PART_SIZE, ref, trackedFile as file } from './trackedFiles';

/**
 * The planner's upsert as every repository applies it (the rules themselves
 * are core/sync/mergeTrackedFile, unit-tested there): here, that a repository
 * stores what the merge decides and ends or keeps the claim with it.
 */
export function describePlannerUpsertContract(fresh: () => Promise<TrackedFileRepository>): void {
  describe('planner upsert', () => {
    test('creates a new file as given', async () => {
      // Prepare
      const repo = await fresh();
      const planned = file('new', { name: 'Cổng sau 09:00.mp4', rootFolderId: 'root-1' });

      // Act
      const written = await repo.upsert(planned);

      // Assess
      expect(written).toEqual(planned);
      expect(await repo.get(ref('new'))).toEqual(planned);
    });

    test('keeps a done file done and a live transfer\'s checkpoint and claim on the same revision', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('done'));
      await repo.claimForTransfer(ref('done'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
      await repo.markDone(ref('done'), 'run-a', { now: at(2), bytes: 20_000_000 });
      await repo.upsert(file('live'));
      await repo.claimForTransfer(ref('live'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
      await repo.saveCheckpoint(ref('live'), 'run-a', checkpoint(2), at(60));

      // Act
      const done = await repo.upsert(file('done', { name: 'renamed.mp4', updatedAt: at(40), runId: 'run-next' }));
      const live = await repo.upsert(file('live', { updatedAt: at(40), runId: 'run-next' }));
      const stolen = await repo.claimForTransfer(ref('live'), { runId: 'run-next', now: at(41), leaseUntil: at(99) });

      // Assess
      expect(done).toMatchObject({ status: 'done', name: 'renamed.mp4', bytesTransferred: 20_000_000, runId: 'run-a', updatedAt: at(40) });
      expect(live).toMatchObject({ status: 'transferring', bytesTransferred: 2 * PART_SIZE, runId: 'run-a' });
      expect(live.checkpoint).toEqual(checkpoint(2));
      expect(stolen).toBeNull();
      await expect(repo.saveCheckpoint(ref('live'), 'run-a', checkpoint(3), at(60))).resolves.toBeUndefined();
    });

    test('a new revision starts the row over, ends the claim and keeps the old checkpoint for its abort', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('f4'));
      await repo.claimForTransfer(ref('f4'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
      await repo.saveCheckpoint(ref('f4'), 'run-a', checkpoint(2), at(60));

      // Act
      const updated = await repo.upsert(file('f4', { revision: 'rev-2', md5: 'b'.repeat(32), size: 9, updatedAt: at(30) }));
      const oldRunSave = await caught(repo.saveCheckpoint(ref('f4'), 'run-a', checkpoint(3), at(60)));
      const claimedByNext = await repo.claimForTransfer(ref('f4'), { runId: 'run-b', now: at(31), leaseUntil: at(90) });

      // Assess
      expect(updated).toMatchObject({ status: 'pending', revision: 'rev-2', md5: 'b'.repeat(32), size: 9, attempts: 0, bytesTransferred: 0 });
      expect(updated.checkpoint?.revision).toBe('rev-1');
      expect(oldRunSave).toBeInstanceOf(ConflictError);
      expect(claimedByNext).toMatchObject({ status: 'transferring', runId: 'run-b' });
    });

    test('content fields do not change without a new revision', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('same'));

      // Act
      const written = await repo.upsert(file('same', { size: 1, md5: 'c'.repeat(32), s3Key: 'elsewhere.mp4', updatedAt: at(9) }));

      // Assess
      expect(written).toMatchObject({ size: 20_000_000, md5: 'a'.repeat(32), s3Key: file('same').s3Key, updatedAt: at(9) });
    });

    test('marking a file removed ends a live claim, so the transfer stops at its next checkpoint', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('gone'));
      await repo.claimForTransfer(ref('gone'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });

      // Act
      const removed = await repo.upsert(file('gone', { status: 'removed', reason: 'deleted in Drive', updatedAt: at(5) }));
      const save = await caught(repo.saveCheckpoint(ref('gone'), 'run-a', checkpoint(1), at(60)));
      const claim = await repo.claimForTransfer(ref('gone'), { runId: 'run-b', now: at(6), leaseUntil: at(66) });

      // Assess
      expect(removed).toMatchObject({ status: 'removed', reason: 'deleted in Drive' });
      expect(save).toBeInstanceOf(ConflictError);
      expect(claim).toBeNull();
    });

    test('a skipped file the planner wants again becomes pending on the same revision', async () => {
      // Prepare
      const repo = await fresh();
      await repo.upsert(file('back', { status: 'skipped', reason: 'outside the chosen folders' }));

      // Act
      const wanted = await repo.upsert(file('back', { status: 'pending', reason: null, runId: 'run-later', updatedAt: at(50) }));
      const claimed = await repo.claimForTransfer(ref('back'), { runId: 'run-later', now: at(51), leaseUntil: at(99) });

      // Assess
      expect(wanted).toMatchObject({ status: 'pending', reason: null, runId: 'run-later' });
      expect(claimed).toMatchObject({ status: 'transferring' });
    });

    test('a read handed in that is stale by then is only a first guess: the row as stored now is merged', async () => {
      // Prepare: the planner read two rows, then a transfer claimed one and the other was created meanwhile.
      const repo = await fresh();
      await repo.upsert(file('claimed'));
      const readBeforeClaim = await repo.get(ref('claimed'));
      await repo.claimForTransfer(ref('claimed'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
      await repo.saveCheckpoint(ref('claimed'), 'run-a', checkpoint(2), at(60));
      await repo.upsert(file('created'));
      await repo.claimForTransfer(ref('created'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
      await repo.markDone(ref('created'), 'run-a', { now: at(2), bytes: 20_000_000 });

      // Act
      const claimed = await repo.upsert(file('claimed', { name: 'renamed.mp4', updatedAt: at(40), runId: 'run-next' }), { existing: readBeforeClaim });
      const created = await repo.upsert(file('created', { updatedAt: at(40), runId: 'run-next' }), { existing: null });

      // Assess: the claim and its checkpoint stand, and the done file stays done.
      expect(claimed).toMatchObject({ status: 'transferring', name: 'renamed.mp4', runId: 'run-a' });
      expect(claimed.checkpoint).toEqual(checkpoint(2));
      await expect(repo.saveCheckpoint(ref('claimed'), 'run-a', checkpoint(3), at(60))).resolves.toBeUndefined();
      expect(created).toMatchObject({ status: 'done', bytesTransferred: 20_000_000, runId: 'run-a' });
      expect(await repo.get(ref('created'))).toMatchObject({ status: 'done', runId: 'run-a' });
    });
  });
}
