import type { TrackedFile } from '../../../lib/api/types';

/**
 * Speed and time left of the files being transferred, from two polls of the
 * files list: bytes moved between them over the time between them. Speed is
 * smoothed (exponential moving average) so one slow poll does not make the
 * estimate jump; a file seen for the first time has no speed yet.
 */

export interface TransferSample {
  at: number;
  bytes: number;
  /** Bytes per second, smoothed; null until two samples exist. */
  speed: number | null;
}

export type TransferSamples = ReadonlyMap<string, TransferSample>;

export interface TransferRow {
  file: TrackedFile;
  /** 0..1, or null when the size is unknown. */
  fraction: number | null;
  speed: number | null;
  /** Seconds, or null when speed or size are unknown. */
  secondsLeft: number | null;
}

const SMOOTHING = 0.5;

export function nextSamples(previous: TransferSamples, files: readonly TrackedFile[], at: number): Map<string, TransferSample> {
  const next = new Map<string, TransferSample>();
  for (const file of files) {
    const before = previous.get(file.providerFileId);
    let speed: number | null = null;
    if (before && at > before.at && file.bytesTransferred >= before.bytes) {
      const measured = ((file.bytesTransferred - before.bytes) * 1000) / (at - before.at);
      speed = before.speed === null ? measured : SMOOTHING * measured + (1 - SMOOTHING) * before.speed;
    }
    // A file that started over (new revision) has fewer bytes: its speed starts again too.
    next.set(file.providerFileId, { at, bytes: file.bytesTransferred, speed });
  }
  return next;
}

export function transferRows(files: readonly TrackedFile[], samples: TransferSamples): TransferRow[] {
  return files.map((file) => {
    const speed = samples.get(file.providerFileId)?.speed ?? null;
    const size = file.size;
    const fraction = size === null || size <= 0 ? null : Math.min(1, file.bytesTransferred / size);
    const remaining = size === null ? null : Math.max(0, size - file.bytesTransferred);
    const secondsLeft = remaining === null || speed === null || speed <= 0 ? null : remaining / speed;
    return { file, fraction, speed, secondsLeft };
  });
}

/** "2 min left", "12 s left", "less than a second left". */
export function formatTimeLeft(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 1) return 'less than a second left';
  if (seconds < 60) return `${Math.round(seconds)} s left`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min left`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min left`;
}

/**
 * A run's files as seen since the page started watching it: every file that
 * was waiting or moving at some poll, with its size. Files leave the waiting
 * list when they are done, so progress is measured against this set, not
 * against the list of the moment (which would make the bar go backwards).
 */
export interface WatchedRun {
  runId: string;
  sizes: Map<string, number>;
}

export function watchRun(previous: WatchedRun | null, runId: string, waiting: readonly TrackedFile[]): WatchedRun {
  const sizes = new Map(previous?.runId === runId ? previous.sizes : []);
  for (const file of waiting) sizes.set(file.providerFileId, file.size ?? 0);
  return { runId, sizes };
}

/** Bytes of the watched files that are done or on their way, of all of them. */
export function watchedProgress(run: WatchedRun, waiting: readonly TrackedFile[]): { files: number; filesLeft: number; bytes: number; bytesDone: number } {
  const stillWaiting = new Map(waiting.map((file) => [file.providerFileId, file]));
  let bytes = 0;
  let bytesDone = 0;
  for (const [id, size] of run.sizes) {
    bytes += size;
    const file = stillWaiting.get(id);
    bytesDone += file === undefined ? size : Math.min(size, file.status === 'transferring' ? file.bytesTransferred : 0);
  }
  return { files: run.sizes.size, filesLeft: stillWaiting.size, bytes, bytesDone };
}
