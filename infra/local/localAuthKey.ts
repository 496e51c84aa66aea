import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The key that signs local-mode session tokens, made once per data folder and
 * kept there (owner-only), so sessions survive a restart and no key is ever in
 * the repository.
 */
export function loadOrCreateLocalAuthKey(dataDir: string): Promise<Buffer> {
  return loadOrCreateLocalKey(dataDir, 'local-auth.key');
}

/** A 32-byte key kept in the data folder: the sign-in key, or the master key standing in for KMS. */
export async function loadOrCreateLocalKey(dataDir: string, name: string): Promise<Buffer> {
  const file = path.join(dataDir, name);
  try {
    const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
    if (key.length === 32) return key;
    // Never replace a damaged key silently: whatever it sealed or signed would be lost with it.
    throw new Error(`${file} is damaged (expected 32 bytes); restore it, or delete it to start with a new key`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await writeFile(file, `${key.toString('base64url')}\n`, { mode: 0o600 });
  return key;
}
