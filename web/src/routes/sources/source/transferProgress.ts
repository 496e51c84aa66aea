import type { RunProgress } from '../../../lib/api/types';
import { m } from '../../../paraglide/messages.js';

/** A file on its way, as the status poll or the files list gives it. */
export type MovingFile = Pick<RunProgress['moving'][number], 'providerFileId' | 'size' | 'bytesTransferred'>;

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

export interface TransferRow<F extends MovingFile = MovingFile> {
  file: F;
  /** 0..1, or null when the size is unknown. */
  fraction: number | null;
  speed: number | null;
  /** Seconds, or null when speed or size are unknown. */
  secondsLeft: number | null;
}

const SMOOTHING = 0.5;

export function nextSamples(previous: TransferSamples, files: readonly MovingFile[], at: number): Map<string, TransferSample> {
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

export function transferRows<F extends MovingFile>(files: readonly F[], samples: TransferSamples): TransferRow<F>[] {
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
  if (seconds < 1) return m.left_less_than_second();
  if (seconds < 60) return m.left_seconds({ s: String(Math.round(seconds)) });
  if (seconds < 3600) return m.left_minutes({ min: String(Math.round(seconds / 60)) });
  return m.left_hours({ h: String(Math.floor(seconds / 3600)), min: String(Math.round((seconds % 3600) / 60)) });
}

/**
 * The running run as the page has watched it: the bar's furthest point (so it
 * never goes backwards, even when a poll answers from a slower replica or a
 * file starts over), and the run's speed smoothed across polls (so time left
 * does not jump with every poll).
 */
export interface RunWatch {
  readonly runId: string;
  readonly at: number;
  readonly bytesDone: number;
  /** 0..1, the furthest seen; null while the run's size is not known yet. */
  readonly fraction: number | null;
  /** Bytes per second, smoothed; null until two polls moved bytes apart in time. */
  readonly speed: number | null;
  readonly secondsLeft: number | null;
}

/** Weight of the newest measurement in the run's speed: lower than a file's, as a run's pace varies more between polls. */
const RUN_SMOOTHING = 0.3;

export function watchRun(previous: RunWatch | null, progress: Pick<RunProgress, 'runId' | 'planned' | 'bytesDone'>, at: number): RunWatch {
  const runId = progress.runId ?? '';
  const same = previous !== null && previous.runId === runId;
  const total = progress.planned?.bytes ?? null;
  const measured = total === null ? null : total === 0 ? 1 : Math.min(1, progress.bytesDone / total);
  const fraction = measured === null ? (same ? previous.fraction : null) : Math.max(measured, same ? (previous.fraction ?? 0) : 0);
  let speed = same ? previous.speed : null;
  if (same && at > previous.at && progress.bytesDone > previous.bytesDone) {
    const now = ((progress.bytesDone - previous.bytesDone) * 1000) / (at - previous.at);
    speed = speed === null ? now : RUN_SMOOTHING * now + (1 - RUN_SMOOTHING) * speed;
  }
  // A poll with no new bytes keeps the last measurement (and its time), so a stall shows once bytes move again.
  const moved = !same || progress.bytesDone !== previous.bytesDone;
  const left = total === null ? null : Math.max(0, total - progress.bytesDone);
  const secondsLeft = left === null || speed === null || speed <= 0 ? null : left / speed;
  return { runId, at: moved ? at : previous.at, bytesDone: progress.bytesDone, fraction, speed, secondsLeft };
}
