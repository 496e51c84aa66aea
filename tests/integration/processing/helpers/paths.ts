import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root, found from this file so tests run from any working directory. */
export const repoRoot = resolve(here, '../../../..');
/** ../shared/media beside the repository (read-only test media and its generator). */
export const sharedMedia = resolve(repoRoot, '../shared/media');
export const sharedFixtures = resolve(sharedMedia, 'fixtures');
/** Git-ignored scratch space for generated fixtures and outputs. */
export const tmpRoot = resolve(repoRoot, 'tests/.tmp/processing');
