import { describe, expect, it } from 'vitest';
import type { TrackedFile } from '../../../lib/api/types';
import { formatTimeLeft, nextSamples, transferRows, watchRun, watchedProgress } from './transferProgress';

const file = (id: string, bytesTransferred: number, size: number | null = 10_000_000): TrackedFile => ({
  providerFileId: id,
  name: `${id}.mp4`,
  relativePath: `Cam1/${id}.mp4`,
  cameraId: 'cam1',
  size,
  status: 'transferring',
  attempts: 0,
  lastError: null,
  nextAttemptAt: null,
  reason: null,
  bytesTransferred,
  recordingStartAt: null,
  s3Key: null,
  updatedAt: '2026-01-01T00:00:00Z',
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
  const pending = (id: string, size: number): TrackedFile => ({ ...file(id, 0, size), status: 'pending' });

  it('never goes backwards when a file finishes and leaves the waiting list', () => {
    const first = watchRun(null, 'run1', [file('a', 50, 100), pending('b', 100)]);
    const early = watchedProgress(first, [file('a', 50, 100), pending('b', 100)]);
    const second = watchRun(first, 'run1', [file('b', 20, 100)]);
    const later = watchedProgress(second, [file('b', 20, 100)]);

    expect(early).toEqual({ files: 2, filesLeft: 2, bytes: 200, bytesDone: 50 });
    expect(later).toEqual({ files: 2, filesLeft: 1, bytes: 200, bytesDone: 120 });
  });

  it('starts afresh for a new run', () => {
    const old = watchRun(null, 'run1', [pending('a', 100)]);

    expect(watchRun(old, 'run2', [pending('b', 5)]).sizes).toEqual(new Map([['b', 5]]));
  });
});
