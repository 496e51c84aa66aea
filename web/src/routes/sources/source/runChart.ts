import type { Run } from '../../../lib/api/types';

/** Bars of a run-history chart, oldest on the left, scaled to the busiest run. */
export interface RunBar {
  id: string;
  x: number;
  /** Height of the files-done part and of the failed part stacked on it, in chart units. */
  doneHeight: number;
  failedHeight: number;
  run: Run;
}

export function runBars(runs: readonly Run[], options: { width: number; height: number; max?: number }): RunBar[] {
  const shown = runs.slice(0, options.max ?? 30).reverse();
  const peak = Math.max(1, ...shown.map((run) => run.filesDone + run.filesFailed));
  const slot = options.width / Math.max(shown.length, 1);
  return shown.map((run, index) => ({
    id: run.id,
    x: index * slot,
    doneHeight: (run.filesDone / peak) * options.height,
    failedHeight: (run.filesFailed / peak) * options.height,
    run,
  }));
}
