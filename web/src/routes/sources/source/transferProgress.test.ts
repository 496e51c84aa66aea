import { describe, expect, it } from 'vitest';
import type { TrackedFile } from '../../../lib/api/types';
import { formatTimeLeft, nextSamples, transferRows, watchRun } from './transferProgress';

const file = (id: string, bytesTransferred: number, size: number | null = 10_000_000): TrackedFile => ({
  providerFileId: id,
  name: `${id}.mp4`,
  relativePath: `Cam1/${id}.mp4`,
  cameraId: 'cam1',
  cameraName: 'Cam1',
  size,
  status: 'transferring',
  attempts: 0,
  lastError: null,
  lastErrorCode: null,
  failure: null,
  nextAttemptAt: null,
  reason: null,
  reasonCode: null,
  reasonDetail: null,
  bytesTransferred,
  recordingStartAt: null,
  s3Key: null,
  updatedAt: '2026-01-01T00:00:00Z',
  processing: null,
});

describe('transfer progress', () => {
  it('has no speed or time left for a file seen once, but shows how far it is', () => {
    const samples = nextSamples(new Map(), [file('a', 2_500_000)], 1000);

    const [row] = transferRows([file('a', 2_500_000)], samples);

    expect(row).toMatchObject({ fraction: 0.25, speed: null, secondsLeft: null });
  });

  it('measures speed between two polls and derives the time left from it', () => {
    const first = nextSamples(new Map(), [file('a', 2_000_000)], 0);
    const second = nextSamples(first, [file('a', 4_000_000)], 2000);

    const [row] = transferRows([file('a', 4_000_000)], second);

    expect(row?.speed).toBe(1_000_000);
    expect(row?.secondsLeft).toBe(6);
    expect(formatTimeLeft(row?.secondsLeft ?? null)).toBe('6 s left');
  });

  it('smooths a sudden change instead of jumping to it', () => {
    let samples = nextSamples(new Map(), [file('a', 0)], 0);
    samples = nextSamples(samples, [file('a', 1_000_000)], 1000);
    samples = nextSamples(samples, [file('a', 4_000_000)], 2000);

    expect(samples.get('a')?.speed).toBe(2_000_000);
  });

  it('starts over for a file that went back to fewer bytes, and forgets files no longer moving', () => {
    const first = nextSamples(new Map(), [file('a', 5_000_000), file('b', 1)], 0);
    const second = nextSamples(first, [file('a', 1_000)], 1000);

    expect(second.get('a')?.speed).toBeNull();
    expect(second.has('b')).toBe(false);
  });

  it('gives no fraction for an unknown size and never more than done', () => {
    const rows = transferRows([file('a', 5, null), file('b', 20, 10)], new Map());

    expect(rows.map((row) => row.fraction)).toEqual([null, 1]);
  });

  it('says time left as a person would', () => {
    expect(formatTimeLeft(0.2)).toBe('less than a second left');
    expect(formatTimeLeft(150)).toBe('3 min left');
  });
});

describe('watched run progress', () => {
  const planned = { files: 2, bytes: 200 };

  it('measures the bar against the run\'s planned bytes and never lets it go backwards', () => {
    const first = watchRun(null, { runId: 'run1', planned, bytesDone: 120 }, 0);
    // A file started over (new revision): fewer bytes done than before.
    const second = watchRun(first, { runId: 'run1', planned, bytesDone: 80 }, 3000);
    const third = watchRun(second, { runId: 'run1', planned, bytesDone: 180 }, 6000);

    expect([first.fraction, second.fraction, third.fraction]).toEqual([0.6, 0.6, 0.9]);
  });

  it('has no fraction while the run is still listing, and a full bar for a run with nothing to move', () => {
    expect(watchRun(null, { runId: 'run1', planned: null, bytesDone: 0 }, 0).fraction).toBeNull();
    expect(watchRun(null, { runId: 'run1', planned: { files: 0, bytes: 0 }, bytesDone: 0 }, 0).fraction).toBe(1);
  });

  it('smooths the run\'s speed across polls, so time left moves gently', () => {
    const big = { files: 10, bytes: 100_000_000 };
    let watch = watchRun(null, { runId: 'run1', planned: big, bytesDone: 0 }, 0);
    watch = watchRun(watch, { runId: 'run1', planned: big, bytesDone: 3_000_000 }, 3000);
    expect(watch.speed).toBe(1_000_000);
    expect(watch.secondsLeft).toBe(97);
    // One fast poll moves the estimate only part of the way.
    watch = watchRun(watch, { runId: 'run1', planned: big, bytesDone: 15_000_000 }, 6000);
    expect(watch.speed).toBeCloseTo(1_900_000);
  });

  it('keeps measuring across a poll that saw no new bytes', () => {
    const big = { files: 10, bytes: 100_000_000 };
    let watch = watchRun(null, { runId: 'run1', planned: big, bytesDone: 0 }, 0);
    watch = watchRun(watch, { runId: 'run1', planned: big, bytesDone: 0 }, 3000);
    watch = watchRun(watch, { runId: 'run1', planned: big, bytesDone: 6_000_000 }, 6000);

    expect(watch.speed).toBe(1_000_000);
  });

  it('starts afresh for a new run', () => {
    const old = watchRun(null, { runId: 'run1', planned, bytesDone: 190 }, 0);

    const next = watchRun(old, { runId: 'run2', planned, bytesDone: 10 }, 3000);

    expect(next).toMatchObject({ runId: 'run2', fraction: 0.05, speed: null });
  });
});
