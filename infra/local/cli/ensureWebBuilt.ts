import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * A fresh clone has no built web app: build it once (Vite, the same config as
 * `npm run build:web`) so that `npm start` alone gives a working page.
 */
export async function ensureWebBuilt(repoRoot: string, log: (line: string) => void): Promise<void> {
  if (existsSync(path.join(repoRoot, 'web', 'dist', 'index.html'))) return;
  log('Building the web app once (npm run build:web)...');
  const { build } = await import('vite');
  await build({ configFile: path.join(repoRoot, 'web', 'vite.config.ts'), logLevel: 'warn' });
}
