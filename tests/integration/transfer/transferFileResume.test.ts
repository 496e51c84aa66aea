import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { TransientError } from '../../../core/errors';
import type { TrackedFileRepository } from '../../../core/ports/trackedFileRepository';
import { abandonTransfer } from '../../../core/transfer/abandonTransfer';
import { transferFile } from '../../../core/transfer/transferFile';
import { MemoryStorageProvider, SyntheticContent } from '../../fakes/memoryStorageProvider';
import { caught } from '../standins/support/caught';
import { overrideRepository } from './support/overrideRepository';
import { RecordingObjectStore } from './support/recordingObjectStore';
import { ManualClock, MiB, PART, TransferHarness } from './support/transferHarness';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');
// A checkpoint write per part, so a crash can be placed after any part.
const OPTIONS = { minPartSize: PART, leaseMs: 60_000, checkpointIntervalMs: 0 };
const SIZE = 4 * PART + 1_500_000;

class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
}

/**
 * The tracking repository of a process that dies: after `crashWhen` returns true
 * for a saved checkpoint, this and every later write throws, so nothing more is
 * recorded (the lease stays as it was, as after a real kill).
 */
function crashingRepository(inner: TrackedFileRepository, crashWhen: (partsSaved: number) => boolean): TrackedFileRepository {
  let crashed = false;
  const guard = <T>(write: () => Promise<T>): Promise<T> => (crashed ? Promise.reject(new SimulatedCrash('process gone')) : write());
  return overrideRepository(inner, {
    upsert: (file) => guard(() => inner.upsert(file)),
    claimForTransfer: (ref, claim) => guard(() => inner.claimForTransfer(ref, claim)),
    saveCheckpoint: async (ref, runId, checkpoint, leaseUntil) => {
      await guard(() => inner.saveCheckpoint(ref, runId, checkpoint, leaseUntil));
      if (crashWhen(checkpoint.parts.length)) {
        crashed = true;
        throw new SimulatedCrash(`process killed after part ${checkpoint.parts.length}`);
      }
    },
    releaseClaim: (ref, runId, now) => guard(() => inner.releaseClaim(ref, runId, now)),
    releaseForRetry: (ref, runId, release) => guard(() => inner.releaseForRetry(ref, runId, release)),
    markDone: (ref, runId, done) => guard(() => inner.markDone(ref, runId, done)),
    markFailed: (ref, runId, failure) => guard(() => inner.markFailed(ref, runId, failure)),
    clearCheckpoint: (ref, uploadId, now) => guard(() => inner.clearCheckpoint(ref, uploadId, now)),
  });
}

describe('transferFile resumes instead of starting over', () => {
  const harness = new TransferHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());
  afterEach(async () => {
    expect(await harness.openUploads()).toEqual([]);
  });

  async function prepare(fileId: string, seed: number) {
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    const content = new SyntheticContent(SIZE, seed);
    provider.addFile({ id: fileId, content });
    const planned = await harness.plan(provider, fileId, clock);
    return { clock, provider, content, key: planned.s3Key ?? '', request: { ...harness.ref(fileId), runId: 'run-1' } };
  }

  test('a connection reset mid-body continues with a ranged read from the first missing part, within the same call', async () => {
    // Prepare
    const { clock, provider, content, key, request } = await prepare('reset', 21);
    provider.injectFault({ kind: 'cut', onRead: 1, afterBytes: 2 * PART + 3 * MiB });
    const store = new RecordingObjectStore(harness.objectStore);

    // Act
    const outcome = await transferFile(harness.deps(provider, clock, { objectStore: store }), request, OPTIONS);

    // Assess
    expect(outcome).toMatchObject({ status: 'done', bytes: SIZE });
    expect(provider.reads.map(({ start, endInclusive, ending }) => ({ start, endInclusive, ending }))).toEqual([
      { start: 0, endInclusive: SIZE - 1, ending: 'fault' },
      { start: 2 * PART, endInclusive: SIZE - 1, ending: 'complete' },
    ]);
    // Only the half-read third part is fetched twice; parts 1 and 2 are neither read nor uploaded again.
    expect(provider.bytesDelivered).toBe(SIZE + 3 * MiB);
    expect(store.partNumbers()).toEqual([1, 2, 3, 4, 5]);
    expect(md5((await harness.object(key)) ?? new Uint8Array())).toBe(content.md5Hex());
    expect(await harness.row('reset')).toMatchObject({ status: 'done', attempts: 0, bytesTransferred: SIZE, lastError: null, checkpoint: null });
  });

  test('after a crash following part 2, the next call (another run, lease lapsed) uploads only parts 3 to 5', async () => {
    // Prepare
    const { clock, provider, content, key, request } = await prepare('crash', 22);
    const firstStore = new RecordingObjectStore(harness.objectStore);
    const crashing = crashingRepository(harness.files, (partsSaved) => partsSaved >= 2);
    const crash = await caught(transferFile(harness.deps(provider, clock, { objectStore: firstStore, files: crashing }), request, OPTIONS));
    const afterCrash = await harness.row('crash');
    const readsBeforeResume = provider.reads.length;
    clock.advance(OPTIONS.leaseMs + 1);
    const secondStore = new RecordingObjectStore(harness.objectStore);

    // Act
    const outcome = await transferFile(harness.deps(provider, clock, { objectStore: secondStore }), { ...request, runId: 'run-2' }, OPTIONS);

    // Assess
    expect(crash).toBeInstanceOf(SimulatedCrash);
    expect(afterCrash).toMatchObject({ status: 'transferring', bytesTransferred: 2 * PART, runId: 'run-1' });
    expect(afterCrash.checkpoint?.parts.map((part) => part.partNumber)).toEqual([1, 2]);
    expect(outcome).toMatchObject({ status: 'done', bytes: SIZE });
    expect(secondStore.count('create')).toBe(0);
    expect(secondStore.partNumbers()).toEqual([3, 4, 5]);
    expect(provider.reads.slice(readsBeforeResume).map(({ start }) => start)).toEqual([2 * PART]);
    expect(md5((await harness.object(key)) ?? new Uint8Array())).toBe(content.md5Hex());
    expect(await harness.row('crash')).toMatchObject({ status: 'done', attempts: 0, bytesTransferred: SIZE, checkpoint: null, runId: 'run-2' });
  });

  test('a process killed between creating its upload and recording it leaves no upload open once the file is transferred', async () => {
    // Prepare: the first checkpoint write never happens and nothing after it runs (no abort either).
    const { clock, provider, content, key, request } = await prepare('killed-at-create', 25);
    let dead = false;
    const files = overrideRepository(harness.files, {
      saveCheckpoint: () => {
        dead = true;
        return Promise.reject(new SimulatedCrash('process killed right after CreateMultipartUpload'));
      },
    });
    const dying = new RecordingObjectStore(harness.objectStore, () => {
      if (dead) throw new SimulatedCrash('process gone');
    });
    const crash = await caught(transferFile(harness.deps(provider, clock, { objectStore: dying, files }), request, OPTIONS));
    const strays = await harness.openUploads();
    clock.advance(OPTIONS.leaseMs + 1);

    // Act
    const outcome = await transferFile(harness.deps(provider, clock), { ...request, runId: 'run-2' }, OPTIONS);

    // Assess
    expect(crash).toBeInstanceOf(SimulatedCrash);
    expect(strays).toHaveLength(1);
    expect(outcome).toMatchObject({ status: 'done', bytes: SIZE });
    expect(md5((await harness.object(key)) ?? new Uint8Array())).toBe(content.md5Hex());
    // afterEach: no upload is left open.
  });

  test('a file removed after such a kill has its unnamed upload aborted too', async () => {
    // Prepare
    const { clock, provider, request } = await prepare('killed-then-removed', 26);
    let dead = false;
    const files = overrideRepository(harness.files, {
      saveCheckpoint: () => {
        dead = true;
        return Promise.reject(new SimulatedCrash('process killed right after CreateMultipartUpload'));
      },
    });
    const dying = new RecordingObjectStore(harness.objectStore, () => {
      if (dead) throw new SimulatedCrash('process gone');
    });
    await caught(transferFile(harness.deps(provider, clock, { objectStore: dying, files }), request, OPTIONS));
    const strays = await harness.openUploads();
    const row = await harness.row('killed-then-removed');
    await harness.files.upsert({ ...row, status: 'removed', reason: 'trashed at the source', updatedAt: clock.now().toISOString() });

    // Act
    await abandonTransfer(harness.deps(provider, clock), harness.ref('killed-then-removed'));

    // Assess
    expect(strays).toHaveLength(1);
    // afterEach: no upload is left open.
  });

  test('while the crashed run\'s lease is live, another run is refused and reads nothing', async () => {
    // Prepare
    const { clock, provider, request } = await prepare('leased', 23);
    await caught(transferFile(harness.deps(provider, clock, { files: crashingRepository(harness.files, (n) => n >= 1) }), request, OPTIONS));
    const reads = provider.reads.length;

    // Act
    const refused = await transferFile(harness.deps(provider, clock), { ...request, runId: 'run-2' }, OPTIONS);
    const readsWhileRefused = provider.reads.length - reads;
    clock.advance(OPTIONS.leaseMs + 1);
    const resumed = await transferFile(harness.deps(provider, clock), { ...request, runId: 'run-2' }, OPTIONS);

    // Assess
    expect(refused).toEqual({ status: 'busy', reason: 'run run-1 holds the file' });
    expect(readsWhileRefused).toBe(0);
    expect(provider.reads[reads]?.start).toBe(PART);
    expect(resumed).toMatchObject({ status: 'done' });
  });

  test('a crash between Complete and markDone is healed by the next call without reading or uploading again', async () => {
    // Prepare
    const { clock, provider, content, key, request } = await prepare('complete-twice', 24);
    let crashOnDone = true;
    const files = overrideRepository(harness.files, {
      releaseClaim: () => Promise.reject(new SimulatedCrash('process gone')),
      markDone: (...args) => (crashOnDone ? Promise.reject(new SimulatedCrash('killed after Complete')) : harness.files.markDone(...args)),
    });
    await caught(transferFile(harness.deps(provider, clock, { files }), request, OPTIONS));
    crashOnDone = false;
    const objectAfterCrash = await harness.object(key);
    clock.advance(OPTIONS.leaseMs + 1);
    const reads = provider.reads.length;
    const store = new RecordingObjectStore(harness.objectStore);

    // Act
    const outcome = await transferFile(harness.deps(provider, clock, { objectStore: store }), { ...request, runId: 'run-2' }, OPTIONS);

    // Assess
    expect(objectAfterCrash?.byteLength).toBe(SIZE);
    expect(outcome).toMatchObject({ status: 'done', bytes: SIZE });
    expect(provider.reads.length).toBe(reads);
    expect(store.calls.map((call) => call.op)).toEqual(['complete', 'head']);
    expect(md5((await harness.object(key)) ?? new Uint8Array())).toBe(content.md5Hex());
    expect(await harness.row('complete-twice')).toMatchObject({ status: 'done', attempts: 0, bytesTransferred: SIZE, checkpoint: null });
  });

  test('at the deadline it stops after a confirmed part, returns incomplete, and the next call completes from there', async () => {
    // Prepare
    const clock = new ManualClock();
    const deadlineMs = clock.now().getTime() + 1_000;
    const provider = new MemoryStorageProvider({
      // Time runs out while part 3 is being read.
      onChunk: (read) => {
        if (read.delivered > 2 * PART && clock.now().getTime() < deadlineMs) clock.advance(5_000);
      },
    });
    const content = new SyntheticContent(SIZE, 25);
    provider.addFile({ id: 'deadline', content });
    const planned = await harness.plan(provider, 'deadline', clock);
    const request = { ...harness.ref('deadline'), runId: 'run-1' };

    // Act
    const first = await transferFile(harness.deps(provider, clock), request, { ...OPTIONS, deadlineMs });
    const between = await harness.row('deadline');
    const second = await transferFile(harness.deps(provider, clock), request, OPTIONS);

    // Assess
    expect(first).toEqual({ status: 'incomplete', bytesDone: 3 * PART });
    expect(between).toMatchObject({ status: 'transferring', bytesTransferred: 3 * PART, attempts: 0 });
    expect(provider.reads.map((read) => read.start)).toEqual([0, 3 * PART]);
    expect(second).toMatchObject({ status: 'done', bytes: SIZE });
    expect(md5((await harness.object(planned.s3Key ?? '')) ?? new Uint8Array())).toBe(content.md5Hex());
    expect(await harness.row('deadline')).toMatchObject({ status: 'done', attempts: 0, bytesTransferred: SIZE, lastError: null });
  });

  test('an UploadPart failure that outlived the S3 client\'s retries resumes from the last checkpoint', async () => {
    // Prepare
    const { clock, provider, content, key, request } = await prepare('part-500', 26);
    let failed = false;
    const store = new RecordingObjectStore(harness.objectStore, (call) => {
      if (call.op === 'uploadPart' && call.partNumber === 3 && !failed) {
        failed = true;
        throw new TransientError('UploadPart failed: InternalError');
      }
    });

    // Act
    const outcome = await transferFile(harness.deps(provider, clock, { objectStore: store }), request, OPTIONS);

    // Assess
    expect(outcome).toMatchObject({ status: 'done' });
    expect(store.partNumbers().filter((n) => n === 3)).toHaveLength(2);
    expect(store.partNumbers().filter((n) => n < 3)).toEqual([1, 2]);
    expect(provider.reads[1]?.start).toBe(2 * PART);
    expect(md5((await harness.object(key)) ?? new Uint8Array())).toBe(content.md5Hex());
  });

  test('transient errors beyond the per-call bound end the attempt: pending, attempts 1, checkpoint kept for the next call', async () => {
    // Prepare
    const { clock, provider, request } = await prepare('flaky', 27);
    provider.injectFault({ kind: 'cut', onRead: 1, afterBytes: PART + MiB });
    provider.injectFault({ kind: 'reject', onRead: 2, error: new TransientError('Drive 503 after 5 tries') });
    provider.injectFault({ kind: 'reject', onRead: 3, error: new TransientError('Drive 503 after 5 tries') });

    // Act
    const first = await transferFile(harness.deps(provider, clock), request, { ...OPTIONS, maxResumesPerCall: 2 });
    const between = await harness.row('flaky');
    const second = await transferFile(harness.deps(provider, clock), { ...request, runId: 'run-2' }, OPTIONS);

    // Assess
    expect(first).toEqual({ status: 'retry', attempts: 1, reason: 'Drive 503 after 5 tries' });
    expect(between).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Drive 503 after 5 tries', bytesTransferred: PART });
    expect(between.checkpoint?.bytesDone).toBe(PART);
    expect(provider.reads.map((read) => read.start)).toEqual([0, PART, PART, PART]);
    expect(second).toMatchObject({ status: 'done' });
    expect(await harness.row('flaky')).toMatchObject({ status: 'done', attempts: 1, lastError: null, bytesTransferred: SIZE });
  });
});
