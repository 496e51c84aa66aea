/**
 * Builds the web app into a fresh folder for one test run, so the browser
 * test always sees the current source and never races `npm run build:web`
 * over web/dist.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const configFile = fileURLToPath(new URL('../../../web/vite.config.ts', import.meta.url));

export async function buildWeb(): Promise<string> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'vtrack-web-'));
  await build({ configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}
