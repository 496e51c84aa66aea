import { open } from 'node:fs/promises';
import path from 'node:path';
import { syncFolder } from './writeFileDurably';

/**
 * Appends one JSON line to a journal file and makes it durable (the file and
 * its folder synced) before returning, so a power cut keeps what was answered.
 */
export async function appendLineDurably(file: string, entry: unknown): Promise<void> {
  const handle = await open(file, 'a');
  try {
    await handle.write(`${JSON.stringify(entry)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncFolder(path.dirname(file));
}
