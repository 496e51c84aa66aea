import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces `file` with `data` so that after a crash or a power cut it holds
 * either the old content or the new, never a mix: write a temporary file, flush
 * it to the disk, rename it over the old one, then flush the folder so the
 * rename itself is on the disk.
 */
export async function writeFileDurably(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temporary, file);
  await syncFolder(path.dirname(file));
}

/** Flushes a folder's entries (creations, renames, deletions) to the disk. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
