/**
 * Runs compileMessages.mjs in its own process (see there why) and fails with
 * its output when the messages do not compile. The SDK takes seconds even for
 * a few strings, so a compile whose inputs are unchanged since the last one
 * (same digest as the one compileMessages.mjs left in the output) is skipped.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inputsDigest } from './inputsDigest.mjs';

const script = fileURLToPath(new URL('./compileMessages.mjs', import.meta.url));
const digestFile = fileURLToPath(new URL('../src/paraglide/.inputs-digest', import.meta.url));
export const messagesDir = fileURLToPath(new URL('../messages/', import.meta.url));

export async function runMessageCompiler(): Promise<void> {
  const previous = await readFile(digestFile, 'utf8').catch(() => null);
  if (previous !== null && previous === (await inputsDigest())) return;
  try {
    await promisify(execFile)(process.execPath, [script], { timeout: 120_000 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`web/messages did not compile:\n${stdout}${stderr}`, { cause: error });
  }
}
