import type { MediaProbe } from '../../ports/mediaProbe';
import type { TimeZone } from '../../time/timeZone';
import { resolveRecordingStart } from '../recording/resolveRecordingStart';
import type { Segment } from '../types/segment';

export interface RecordingFile {
  readonly path: string;
  readonly name: string;
  /** Read only this stretch of the file (a slice of a long recording); the segment still spans the whole file. */
  readonly range?: { readonly fromSec: number; readonly toSec: number };
}

export interface FileFailure {
  readonly file: string;
  readonly error: Error;
}

export interface PlanSegmentsInput {
  readonly files: readonly RecordingFile[];
  readonly probe: MediaProbe;
  readonly timeZone: TimeZone;
  /** Overrides the camera read from file names (all files are then one camera's segments). */
  readonly camera?: string | undefined;
  readonly fileNamePatterns?: readonly string[];
  readonly signal?: AbortSignal;
}

/**
 * Places each file on the absolute time line. A file that cannot be probed or
 * dated is reported, not thrown, so one broken file does not lose a whole batch.
 */
export async function planSegments(input: PlanSegmentsInput): Promise<{ segments: Segment[]; failures: FileFailure[] }> {
  const segments: Segment[] = [];
  const failures: FileFailure[] = [];
  for (const file of input.files) {
    try {
      const info = await input.probe.probe(file.path, input.signal);
      const start = resolveRecordingStart({
        fileName: file.name,
        creationTime: info.creationTime,
        timeZone: input.timeZone,
        ...(input.fileNamePatterns ? { fileNamePatterns: input.fileNamePatterns } : {}),
      });
      segments.push({ path: file.path, name: file.name, camera: input.camera ?? start.camera, startMs: start.startMs, durationSec: info.durationSec, ...(file.range ? { range: file.range } : {}) });
    } catch (error) {
      if (input.signal?.aborted) throw error;
      failures.push({ file: file.name, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  segments.sort((a, b) => a.camera.localeCompare(b.camera) || a.startMs - b.startMs);
  return { segments, failures };
}
