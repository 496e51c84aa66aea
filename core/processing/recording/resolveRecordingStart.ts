import { ValidationError } from '../../errors';
import type { TimeZone } from '../../time/timeZone';
import { zonedTimeToUtc } from '../../time/zonedTimeToUtc';
import { parseRecordingFileName } from './parseRecordingFileName';
import { defaultFileNamePatterns } from './defaultFileNamePatterns';

export interface RecordingStartInput {
  readonly fileName: string;
  /** Container `creation_time` (ISO-8601; MP4 stores UTC), if the file has one. */
  readonly creationTime?: string | undefined;
  readonly timeZone: TimeZone;
  readonly fileNamePatterns?: readonly string[];
}

export interface RecordingStart {
  readonly startMs: number;
  /** Camera named in the file name, else the name's prefix before the first `_`/`-`/space. */
  readonly camera: string;
  readonly source: 'fileName' | 'metadata';
}

/**
 * When a recording started, in UTC. The file name wins because cameras and NVRs
 * stamp it from their own clock; container metadata is the fallback (it is often
 * the time the file was re-muxed or copied, not recorded).
 */
export function resolveRecordingStart(input: RecordingStartInput): RecordingStart {
  const stem = input.fileName.replace(/\.[^.]+$/, '');
  const fallbackCamera = stem.split(/[_\- ]/)[0] || stem;
  const parsed = parseRecordingFileName(input.fileName, input.fileNamePatterns ?? defaultFileNamePatterns);
  if (parsed) {
    return { startMs: zonedTimeToUtc(parsed.wall, input.timeZone), camera: parsed.camera ?? fallbackCamera, source: 'fileName' };
  }
  const fromMetadata = input.creationTime ? Date.parse(input.creationTime) : Number.NaN;
  // 1970 timestamps are what muxers write when they know nothing.
  if (Number.isFinite(fromMetadata) && fromMetadata > Date.UTC(1990, 0, 1)) {
    return { startMs: fromMetadata, camera: fallbackCamera, source: 'metadata' };
  }
  throw new ValidationError(
    'files',
    `cannot tell when ${input.fileName} was recorded: name it like <camera>_YYYYMMDD_HHMMSS.mp4 or keep the container's creation_time`,
    { context: { fileName: input.fileName } },
  );
}
