import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * The newest finished footage file of a camera in the agent's recordings
 * folder (<recordingsDir>/<cameraId>/), by its UTC-start name; null when there
 * is none. Hidden files (a pull or cut in progress) are not footage yet.
 */
export async function newestSegmentOf(recordingsDir: string, cameraId: string): Promise<string | null> {
  const dir = path.join(recordingsDir, cameraId);
  const names = await readdir(dir).catch(() => [] as string[]);
  const newest = names.filter((name) => name.endsWith('.mp4') && !name.startsWith('.')).sort().at(-1);
  return newest === undefined ? null : path.join(dir, newest);
}
