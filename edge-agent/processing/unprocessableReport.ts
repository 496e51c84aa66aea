import { stat } from 'node:fs/promises';
import { resolveRecordingStart } from '../../core/processing/recording/resolveRecordingStart';
import type { TimeZone } from '../../core/time/timeZone';
import { writeBatch, type UnprocessableReport } from '../uploader/outboxBatch';
import { outboxLockFor } from '../uploader/outboxLock';
import type { ProcessedFile } from './cameraHistory';

/**
 * Leaves a report of a file processing could not read in the outbox, for the
 * uploader to tell the cloud (the source's page lists it as unprocessable, and
 * its camera's health counts a decode failure). Its recording start comes from
 * its name, else its modification time; null when neither is there (the file
 * is gone). Written in the outbox's turn, like a batch (outboxLock.ts).
 * Answers that recording start (ISO UTC, or null): the disk guard's ledger
 * orders the file by it, oldest first.
 */
export async function writeUnprocessableReport(outboxDir: string, job: { readonly sourceId: string; readonly cameraId: string; readonly file: ProcessedFile }, error: string, timeZone: TimeZone): Promise<string | null> {
  const info = await stat(job.file.absolutePath).catch(() => null);
  const startMs = recordingStartOf(job.file.name, timeZone) ?? info?.mtimeMs ?? null;
  const report: UnprocessableReport = {
    kind: 'unprocessable',
    sourceId: job.sourceId,
    cameraId: job.cameraId,
    file: {
      absolutePath: job.file.absolutePath,
      name: job.file.name,
      fingerprint: job.file.fingerprint,
      day: startMs === null ? null : new Date(startMs + timeZone.offsetMsAt(startMs)).toISOString().slice(0, 10),
      recordedAt: startMs === null ? null : new Date(startMs).toISOString(),
      bytes: info?.size ?? 0,
    },
    error,
  };
  await outboxLockFor(outboxDir).run(() => writeBatch(outboxDir, report, Date.now()));
  return report.file.recordedAt;
}

function recordingStartOf(name: string, timeZone: TimeZone): number | null {
  try {
    return resolveRecordingStart({ fileName: name, timeZone }).startMs;
  } catch {
    return null;
  }
}
