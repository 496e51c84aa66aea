import { readRecordingName } from './readRecordingName';
import type { TimeZone } from '../time/timeZone';
import { zonedTimeToUtc } from '../time/zonedTimeToUtc';
import type { CameraMappingConfig } from './cameraMappingConfig';
import { cameraKeyIn } from './cameraKey';

export interface MappableFile {
  /** Path below the chosen folder: folders joined by '/', ending with the file name. */
  readonly relativePath: string;
  /** The file's own name, when the path ends with another (a shortcut's display name). */
  readonly fileName?: string;
  /** Name of the chosen folder the file was found under; the camera of last resort. */
  readonly rootFolderName: string;
  readonly modifiedTime: string | null;
  readonly createdTime: string | null;
  /**
   * The file's folder holds files whose names name several cameras (see
   * FolderCameras): in `auto`, each file then goes by its own name's camera.
   */
  readonly folderHoldsSeveralCameras?: boolean;
  /** Positions of folders in `relativePath` that are shortcuts' display names: no camera's name when the file name carries one. */
  readonly shortcutFolders?: readonly number[];
}

export interface CameraAssignment {
  /** Stable key of the detected camera (slug), used in S3 keys and the mapping. */
  readonly cameraId: string;
  /** What the tenant sees: their rename, or the detected name. */
  readonly cameraName: string;
  readonly excluded: boolean;
  /** ISO-8601 UTC, or null when neither the name nor the provider tells. */
  readonly recordingStartAt: string | null;
  readonly startFrom: 'file_name' | 'provider_time' | 'unknown';
  /** The camera's local calendar day of the recording (yyyy-mm-dd), for S3 keys. */
  readonly localDay: string | null;
}

/** Folder names that are dates or date parts, never cameras: 2025-07-18, 20250718, 2025, 07. */
const DATE_LIKE = /^(\d{4}([-_.]?\d{2}([-_.]?\d{2})?)?|\d{1,2})$/;
/** Folder names with no letter or digit (`..`, `-`, `___`): never a camera's name. */
const NO_NAME = /^[^\p{L}\p{N}]*$/u;

/**
 * Decides a file's camera and recording start from where it sits and what it
 * is called. The file name's timestamp is the camera's wall clock, read in the
 * mapping's time zone; without one, the earliest of the provider's times stands in.
 */
export function mapFileToCamera(file: MappableFile, config: CameraMappingConfig, zone: TimeZone): CameraAssignment {
  const segments = file.relativePath.split('/').filter((segment) => segment !== '');
  const folders = segments.slice(0, -1);
  const parsed = readRecordingName(file);
  const fromName = parsed?.camera;
  const shortcuts = fromName === undefined ? [] : (file.shortcutFolders ?? []);
  const named = folders.filter((folder, index) => !NO_NAME.test(folder) && !shortcuts.includes(index));
  // A folder of several cameras' uploads names none of them.
  const fromFolder = fromName !== undefined && file.folderHoldsSeveralCameras === true ? undefined : named.find((folder) => !DATE_LIKE.test(folder));
  const root = NO_NAME.test(file.rootFolderName) && fromName !== undefined ? fromName : file.rootFolderName;

  let detected: string;
  if (config.layout === 'flat') detected = fromName ?? named.at(-1) ?? root;
  else if (config.layout === 'by_folder') detected = (NO_NAME.test(folders[0] ?? '') ? undefined : folders[0]) ?? fromName ?? root;
  else detected = fromFolder ?? fromName ?? root;

  const cameraId = cameraKeyIn(detected, config);
  let startMs: number | null = null;
  let startFrom: CameraAssignment['startFrom'] = 'unknown';
  if (parsed) {
    startMs = zonedTimeToUtc(parsed.wall, zone);
    startFrom = 'file_name';
  } else {
    const times = [file.createdTime, file.modifiedTime].map((t) => (t === null ? Number.NaN : Date.parse(t))).filter(Number.isFinite);
    if (times.length > 0) {
      startMs = Math.min(...times);
      startFrom = 'provider_time';
    }
  }
  return {
    cameraId,
    cameraName: config.renames[cameraId] ?? detected,
    excluded: config.excluded.includes(cameraId),
    recordingStartAt: startMs === null ? null : new Date(startMs).toISOString(),
    startFrom,
    localDay: startMs === null ? null : localDay(startMs, zone),
  };
}

function localDay(utcMs: number, zone: TimeZone): string {
  return new Date(utcMs + zone.offsetMsAt(utcMs)).toISOString().slice(0, 10);
}
