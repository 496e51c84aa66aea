import { afterEach, describe, expect, test, vi } from 'vitest';
import { ConflictError } from '../../../../core/errors';
import type { TrackedFileRepository } from '../../../../core/ports/trackedFileRepository';
import type { TransferCheckpoint } from '../../../../core/sync/trackedFile';
import { CheckpointWriter } from '../../../../core/transfer/checkpointWriter';
import type { StepFailure } from '../../../../core/transfer/stepFailure';
import type { TransferContext } from '../../../../core/transfer/transferContext';

const start: TransferCheckpoint = {
  uploadId: 'u',
  s3Key: 'k',
  partSize: 10,
  parts: [],
  bytesDone: 0,
  md5State: 's0',
  revision: 'r',
  updatedAt: '2025-07-18T09:00:00.000Z',
  partChecksum: 'CRC32',
};

function contextSaving(saved: TransferCheckpoint[], fail = false, intervalMs = 0): TransferContext {
  const files = {
    saveCheckpoint: async (_ref: unknown, _runId: string, checkpoint: TransferCheckpoint) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw new ConflictError('held by another run');
      saved.push(checkpoint);
    },
  } as unknown as TrackedFileRepository; // only saveCheckpoint is used by the writer
  return {
    deps: { files, clock: { now: () => new Date(Date.now()) } },
    request: { tenantId: 't', sourceId: 's', providerFileId: 'f', runId: 'run-1' },
    options: { leaseMs: 1000, checkpointIntervalMs: intervalMs },
  } as unknown as TransferContext; // the writer reads deps, request and leaseMs only
}

const part = (n: number) => ({ partNumber: n, etag: `e${n}`, size: 10, checksumCrc32: `c${n}==`, endOffset: n * 10, md5State: `s${n}` });

describe('CheckpointWriter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('confirmations within the interval are folded into one write, made once the interval has passed', async () => {
    // Prepare
    vi.useFakeTimers();
    const saved: TransferCheckpoint[] = [];
    const writer = new CheckpointWriter(contextSaving(saved, false, 100), start, () => undefined);

    // Act
    writer.confirm(part(1));
    await vi.advanceTimersByTimeAsync(10);
    writer.confirm(part(2));
    await vi.advanceTimersByTimeAsync(10);
    writer.confirm(part(3));
    await vi.advanceTimersByTimeAsync(10);
    const withinInterval = saved.map((c) => c.parts.length);
    await vi.advanceTimersByTimeAsync(100);

    // Assess: the first write at once, the next one interval after it, holding parts 2 and 3.
    expect(withinInterval).toEqual([1]);
    expect(saved.map((c) => c.parts.map((p) => p.partNumber))).toEqual([[1], [1, 2, 3]]);
    expect(writer.saved).toMatchObject({ bytesDone: 30, md5State: 's3' });
  });

  test('flush writes what is waiting for the interval at once and leaves no timer behind', async () => {
    // Prepare
    vi.useFakeTimers();
    const saved: TransferCheckpoint[] = [];
    const writer = new CheckpointWriter(contextSaving(saved, false, 60_000), start, () => undefined);
    writer.confirm(part(1));
    await vi.advanceTimersByTimeAsync(10);
    writer.confirm(part(2));

    // Act
    const flushed = writer.flush();
    await vi.advanceTimersByTimeAsync(10);
    await flushed;

    // Assess
    expect(saved.map((c) => c.parts.length)).toEqual([1, 2]);
    expect(vi.getTimerCount()).toBe(0);
  });

  test('parts confirmed out of order are stored in order: a checkpoint never names part 3 before part 2', async () => {
    // Prepare
    const saved: TransferCheckpoint[] = [];
    const writer = new CheckpointWriter(contextSaving(saved), start, () => undefined);

    // Act
    writer.confirm(part(1));
    writer.confirm(part(3));
    await writer.flush();
    const afterGap = writer.saved;
    writer.confirm(part(2));
    await writer.flush();

    // Assess
    expect(afterGap.parts.map((p) => p.partNumber)).toEqual([1]);
    expect(saved.map((c) => c.parts.map((p) => p.partNumber))).toEqual([[1], [1, 2, 3]]);
    expect(writer.saved).toMatchObject({ bytesDone: 30, md5State: 's3', partChecksum: 'CRC32' });
    expect(writer.saved.parts.map((p) => p.checksumCrc32)).toEqual(['c1==', 'c2==', 'c3==']);
  });

  test('a lost claim is reported as lost-claim and the stored checkpoint stays the last accepted one', async () => {
    // Prepare
    const failures: StepFailure[] = [];
    const writer = new CheckpointWriter(contextSaving([], true), start, (failure) => failures.push(failure));

    // Act
    writer.confirm(part(1));
    await writer.flush();

    // Assess
    expect(failures.map((failure) => failure.kind)).toEqual(['lost-claim']);
    expect(writer.saved).toBe(start);
  });
});
