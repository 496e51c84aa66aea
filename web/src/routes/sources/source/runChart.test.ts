import { describe, expect, it } from 'vitest';
import type { Run } from '../../../lib/api/types';
import { runBars } from './runChart';

const run = (id: string, filesDone: number, filesFailed = 0): Run => ({
  id,
  trigger: 'schedule',
  status: 'succeeded',
  outcome: filesFailed > 0 ? 'finished_with_problems' : 'succeeded',
  startedAt: '2026-01-01T00:00:00Z',
  finishedAt: '2026-01-01T00:01:00Z',
  filesDone,
  filesFailed,
  filesSkipped: 0,
  bytes: 0,
  durationMs: 60_000,
  error: null,
  errorCode: null,
});

describe('runBars', () => {
  it('puts the oldest run on the left and scales the busiest run to full height', () => {
    // The API lists newest first.
    const bars = runBars([run('new', 2, 2), run('old', 8)], { width: 100, height: 50 });

    expect(bars.map((bar) => bar.id)).toEqual(['old', 'new']);
    expect(bars.map((bar) => bar.x)).toEqual([0, 50]);
    expect(bars[0]?.doneHeight).toBe(50);
    expect(bars[1]).toMatchObject({ doneHeight: 12.5, failedHeight: 12.5 });
  });

  it('keeps empty runs flat instead of dividing by zero, and shows at most `max`', () => {
    const bars = runBars([run('a', 0), run('b', 0), run('c', 0)], { width: 90, height: 40, max: 2 });

    expect(bars.map((bar) => [bar.id, bar.doneHeight])).toEqual([
      ['b', 0],
      ['a', 0],
    ]);
  });
});
