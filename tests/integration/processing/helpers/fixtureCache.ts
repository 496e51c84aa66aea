import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Generated test media, shared by every test file, worker and run on this machine. */
export const fixtureCacheRoot = join(tmpdir(), 'vtrack-fixture-cache');

/**
 * The folder holding what `make(dir)` writes for these inputs, made once. The
 * folder is named by a digest of `inputs` (everything the generator's output
 * depends on: its arguments, the text of the code or script that generates,
 * the files it starts from), so a changed input gets a new folder, never a
 * stale one. `make` writes into a private folder that is renamed into place
 * only when complete: another worker sees the whole fixture or none. Two
 * workers making the same fixture at once both finish; the first rename wins
 * and the other's copy is dropped (same inputs, same video).
 */
export function cachedFixture(name: string, inputs: readonly unknown[], make: (dir: string) => void): string {
  const digest = createHash('sha256').update(JSON.stringify([name, ...inputs])).digest('hex').slice(0, 20);
  const dir = join(fixtureCacheRoot, `${name.replace(/[^\w.-]/g, '_')}-${digest}`);
  if (existsSync(dir)) return dir;
  mkdirSync(fixtureCacheRoot, { recursive: true });
  const scratch = mkdtempSync(join(fixtureCacheRoot, '.making-'));
  try {
    make(scratch);
    try {
      renameSync(scratch, dir);
    } catch (error) {
      // Another worker renamed its copy into place first (a non-empty folder is never replaced).
      if (!existsSync(dir)) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return dir;
}

/** The text of a file (a generator script or module), as an input of cachedFixture. */
export const textOf = (pathOrUrl: string): string => readFileSync(pathOrUrl.startsWith('file:') ? fileURLToPath(pathOrUrl) : pathOrUrl, 'utf8');

/** What stands for a file's content among cachedFixture's inputs: its path, size and modification time. */
export function fileStamp(path: string): string {
  const stat = statSync(path);
  return `${path} ${stat.size} ${stat.mtimeMs}`;
}
