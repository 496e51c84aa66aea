import { describe, expect, test } from 'vitest';
import type { RunProgress } from '../../../../core/sync/syncRun';
import { PROGRESS_INTERVAL_MS, StoredProgress } from '../../../../core/sync/storedProgress';

const run = { tenantId: 'ten_1', sourceId: 'src_1', runId: 'run_1' };

/** A clock the test moves, and a run repository that records every progress write. */
function rig(options: { failing?: boolean } = {}) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const writes: Partial<RunProgress>[] = [];
  const runs = {
    addProgress: (_t: string, _s: string, _r: string, delta: Partial<RunProgress>): Promise<void> => {
      if (options.failing === true) return Promise.reject(new Error('throttled'));
      writes.push(delta);
      return Promise.resolve();
    },
  };
  return { progress: new StoredProgress({ runs, clock: { now: () => new Date(now) } }, run), writes, advance: (ms: number) => (now += ms) };
}

describe('StoredProgress', () => {
  test('writes the first stored file at once, folds the files of the next second into one write, and the rest when flushed', async () => {
    // Prepare
    const { progress, writes, advance } = rig();

    // Act
    await progress.stored(100);
    for (let i = 0; i < 5; i += 1) {
      advance(100);
      await progress.stored(10);
    }
    advance(PROGRESS_INTERVAL_MS);
    await progress.stored(1);
    await progress.stored(2);
    await progress.flush();
    await progress.flush();

    // Assess
    expect(writes).toEqual([
      { storedFiles: 1, storedBytes: 100 },
      { storedFiles: 6, storedBytes: 51 },
      { storedFiles: 1, storedBytes: 2 },
    ]);
  });

  test('a file that lands a second or more after the last write is written as it lands', async () => {
    const { progress, writes, advance } = rig();

    await progress.stored(7);
    advance(PROGRESS_INTERVAL_MS);
    await progress.stored(8);

    expect(writes).toEqual([
      { storedFiles: 1, storedBytes: 7 },
      { storedFiles: 1, storedBytes: 8 },
    ]);
  });

  test('a failed progress write does not fail the batch: live progress is for the page only', async () => {
    const { progress } = rig({ failing: true });

    await expect(progress.stored(5)).resolves.toBeUndefined();
    await expect(progress.flush()).resolves.toBeUndefined();
  });
});
