/**
 * Compiles web/messages/{en,vi}.json into typed message functions under
 * web/src/paraglide (Paraglide JS: one small module per message, so a page's
 * bundle carries only the strings it uses). Run: `npm run messages`.
 *
 * The output is generated, not committed: committing it would make every
 * branch that adds a string conflict in the generated index. Instead every
 * entry point compiles first — `npm run typecheck` (so tsc and svelte-check
 * on a fresh clone see the module), vitest's global setup, and the Vite
 * build and dev server (web/vite.config.ts), which also covers `npm start` and
 * the browser tests' own builds.
 *
 * It runs as its own process (runMessageCompiler.ts) and exits when done: the
 * inlang SDK leaves half-minute timers behind that would keep a build alive.
 * Several can run at once (the browser test files each build the site in
 * parallel), so a file is only written when its text changed, and then
 * atomically (temporary file, rename): a reader never sees half a file and
 * nothing is deleted underneath a running build. It leaves a digest of its
 * inputs beside the output, so an unchanged compile is skipped.
 */
import nodeFs from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '@inlang/paraglide-js';
import { inputsDigest } from './inputsDigest.mjs';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(webDir, 'src', 'paraglide');
const messagesDir = path.join(webDir, 'messages');

/** @param {string} file @param {string | Uint8Array} data */
async function writeIfChanged(file, data) {
  const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
  const existing = await nodeFs.promises.readFile(file, 'utf8').catch(() => null);
  if (existing === text) return;
  await nodeFs.promises.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomUUID()}.tmp`;
  await nodeFs.promises.writeFile(temporary, text);
  await nodeFs.promises.rename(temporary, file);
}

/** node:fs with writes made atomic and skipped when nothing changed. */
const quietFs = { ...nodeFs, promises: { ...nodeFs.promises, writeFile: writeIfChanged } };

/**
 * The inlang SDK only warns about a message it could not read; here that
 * fails. Also deletes the modules of messages that are gone from en.json
 * (the index no longer exports them anyway).
 */
async function checkOutput() {
  const keys = new Set(Object.keys(JSON.parse(await nodeFs.promises.readFile(path.join(messagesDir, 'en.json'), 'utf8'))));
  const folder = path.join(outDir, 'messages');
  const made = new Set(await nodeFs.promises.readdir(folder));
  const missing = [...keys].filter((key) => !made.has(`${key}.js`));
  if (missing.length > 0) throw new Error(`no message compiled for ${missing.join(', ')}; see the warnings above`);
  for (const name of made) {
    if (name.endsWith('.js') && !name.startsWith('_') && !keys.has(name.slice(0, -3))) {
      await nodeFs.promises.rm(path.join(folder, name), { force: true });
    }
  }
}

try {
  await compile({
    project: path.join(webDir, 'project.inlang'),
    outdir: outDir,
    // The app decides the locale itself (web/src/lib/i18n/locale.ts: a stored
    // choice, else the browser's languages) and hands it to the runtime.
    strategy: ['globalVariable', 'baseLocale'],
    cleanOutdir: false,
    emitReadme: false,
    emitPrettierIgnore: false,
    fs: quietFs,
  });
  await checkOutput();
  // Read by runMessageCompiler.ts to skip a compile that would change nothing.
  await writeIfChanged(path.join(outDir, '.inputs-digest'), await inputsDigest());
} catch (error) {
  // Only the message: the SDK's stack repeats the plugin's whole source as a data: URL.
  console.error(`web/messages: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
process.exit(0);
