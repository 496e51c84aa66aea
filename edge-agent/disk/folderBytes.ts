import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Bytes of the files below `folder`, by a plain walk (Node 20's recursive
 * readdir with file types can stall). A file or folder that vanishes during
 * the walk counts as nothing.
 */
export async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  const pending = [folder];
  while (pending.length > 0) {
    const current = pending.pop() ?? folder;
    for (const entry of await readdir(current, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile()) total += (await stat(full).catch(() => ({ size: 0 }))).size;
    }
  }
  return total;
}
