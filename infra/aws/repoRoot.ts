import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root; catalogue entries and ASL paths are relative to it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
