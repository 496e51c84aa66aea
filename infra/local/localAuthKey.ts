import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The key that signs local-mode session tokens, made once per data folder and
 * kept there (owner-only), so sessions survive a restart and no key is ever in
 * the repository.
 */
export async function loadOrCreateLocalAuthKey(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, 'local-auth.key');
  try {
    const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
    if (key.length >= 32) return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await writeFile(file, `${key.toString('base64url')}\n`, { mode: 0o600 });
  return key;
}
