/**
 * A digest of everything the compiled messages depend on: the message files,
 * the inlang settings, our plugin, the compile script and Paraglide's version.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const here = (relative) => new URL(relative, import.meta.url);

/** @returns {Promise<string>} */
export async function inputsDigest() {
  const messages = (await readdir(here('../messages/'))).filter((name) => name.endsWith('.json')).sort();
  const files = [
    ...messages.map((name) => here(`../messages/${name}`)),
    here('../project.inlang/settings.json'),
    here('./messagesPlugin.js'),
    here('./compileMessages.mjs'),
    // Paraglide's own package.json (not in its exports map): a new version compiles anew.
    // (createRequire, not import.meta.resolve: vitest's module runner has no import.meta.resolve)
    new URL('../package.json', pathToFileURL(createRequire(import.meta.url).resolve('@inlang/paraglide-js'))),
  ];
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`\0${file.pathname}\0`);
    hash.update(await readFile(file));
  }
  return hash.digest('hex');
}
