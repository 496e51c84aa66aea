/**
 * Gives each browser test file its own copy of the built web app, so it always
 * sees the current source and never races `npm run build:web` over web/dist.
 *
 * A build takes ~18 s; every e2e file needs one. The build is cached under the
 * temp folder, keyed by a digest of everything it reads (web/ sources and
 * messages, the Vite config, the lock file), so one run builds once and the
 * other files copy the result. Parallel workers take a lock (an exclusive
 * mkdir) so only one builds; each build is written to a private folder and
 * renamed into place, so nobody ever copies half a build.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const configFile = path.join(repoRoot, 'web/vite.config.ts');
const cacheRoot = path.join(tmpdir(), 'vtrack-web-cache');
/** A lock older than this belongs to a worker that died mid-build. */
const STALE_LOCK_MS = 600_000;
/** Generated or output folders under web/ that the build writes, not reads. */
const NOT_INPUTS = new Set(['dist', 'node_modules', 'paraglide']);

export async function buildWeb(): Promise<string> {
  const built = await cachedBuild();
  const outDir = await mkdtemp(path.join(tmpdir(), 'vtrack-web-'));
  await cp(built, outDir, { recursive: true });
  return outDir;
}

async function cachedBuild(): Promise<string> {
  const key = await inputsDigest();
  const target = path.join(cacheRoot, key);
  const lock = `${target}.lock`;
  await mkdir(cacheRoot, { recursive: true });
  for (;;) {
    if (await exists(path.join(target, 'index.html'))) return target;
    if (await takeLock(lock)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    if (await exists(path.join(target, 'index.html'))) return target;
    const scratch = await mkdtemp(path.join(cacheRoot, `${key}.building-`));
    await build({ configFile, logLevel: 'error', build: { outDir: scratch, emptyOutDir: true } });
    // A worker that took a stale lock may have finished first: keep its build, never replace one in use.
    if (await exists(path.join(target, 'index.html'))) await rm(scratch, { recursive: true, force: true });
    else await rm(target, { recursive: true, force: true }).then(() => rename(scratch, target));
    return target;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function takeLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
    return true;
  } catch {
    const since = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (since > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function inputsDigest(): Promise<string> {
  const hash = createHash('sha256');
  const files = [...(await listFiles(path.join(repoRoot, 'web'))), path.join(repoRoot, 'package-lock.json')].sort();
  for (const file of files) {
    hash.update(path.relative(repoRoot, file)).update('\0');
    hash.update(await readFile(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 24);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return NOT_INPUTS.has(entry.name) ? [] : listFiles(full);
      return entry.isFile() ? [full] : [];
    }),
  );
  return nested.flat();
}
