import type { TrackedFileRepository } from '../ports/trackedFileRepository';
import type { TrackedFile } from '../sync/trackedFile';

/** Stored files read at most to find a camera's newest (a source with more finds its newest among these). */
const MAX_FILES_READ = 5000;

/**
 * The camera's most recent stored footage file (by recording start, else name):
 * what a frame for drawing a region of interest is taken from. Null when none
 * is stored yet.
 */
export async function newestFootageOf(files: Pick<TrackedFileRepository, 'listByStatus'>, tenantId: string, sourceId: string, cameraId: string): Promise<TrackedFile | null> {
  let newest: TrackedFile | null = null;
  const when = (file: TrackedFile): string => `${file.recordingStartAt ?? ''}\n${file.name}`;
  let pageToken: string | null = null;
  let read = 0;
  do {
    const page = await files.listByStatus(tenantId, sourceId, 'done', { limit: 500, pageToken });
    for (const file of page.items) {
      if (file.cameraId !== cameraId || file.s3Key === null) continue;
      if (newest === null || when(file) > when(newest)) newest = file;
    }
    read += page.items.length;
    pageToken = page.nextPageToken;
  } while (pageToken !== null && read < MAX_FILES_READ);
  return newest;
}
