import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering core ← adapters ← hosts is enforced by lint; these cases prove the
// rules catch each forbidden direction (and let the allowed ones through), so a
// loosened config fails here rather than silently.
const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports' || message.ruleId === 'no-restricted-globals')
    .map((message) => message.message);
}

describe('import boundaries', () => {
  it.each([
    ['core/sync/probe.ts', "import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n", 'core does no I/O'],
    ['core/sync/probe.ts', "import { S3Client } from '@aws-sdk/client-s3';\nexport const a = S3Client;\n", 'no SDK'],
    ['core/sync/probe.ts', "import { google } from 'googleapis';\nexport const a = google;\n", 'no SDK'],
    ['core/sync/probe.ts', "import { S3ObjectStore } from '../../adapters/s3/s3ObjectStore';\nexport const a = S3ObjectStore;\n", 'no adapter'],
    ['core/sync/probe.ts', "import { readConfig } from '../../functions/config';\nexport const a = readConfig;\n", 'no adapter and no host'],
    ['core/sync/probe.ts', "export const a = process.env['TABLE_NAME'];\n", 'core is pure'],
    ['adapters/s3/probe.ts', "import { readConfig } from '../../functions/config';\nexport const a = readConfig;\n", 'never a host'],
    ['adapters/s3/probe.ts', "import { main } from '../../cli/main';\nexport const a = main;\n", 'never a host'],
    ['functions/api/probe.ts', "import { main } from '../../cli/main';\nexport const a = main;\n", 'never another host'],
    ['functions/api/probe.ts', "import { x } from '../../infra/local/startLocalStack';\nexport const a = x;\n", 'nor infra'],
    ['cli/probe.ts', "import { readConfig } from '../functions/config';\nexport const a = readConfig;\n", 'never another host'],
    ['edge-agent/probe.ts', "import { readConfig } from '../functions/config';\nexport const a = readConfig;\n", 'never another host'],
    ['web/src/lib/probe.ts', "import { ValidationError } from '../../../core/errors';\nexport const a = ValidationError;\n", 'import type'],
    ['web/src/lib/probe.ts', "import { x } from '../../../adapters/s3/s3ObjectStore';\nexport const a = x;\n", 'no adapter'],
  ])('%s: %s is refused', async (filePath, text, reason) => {
    const errors = await boundaryErrors(filePath, text);
    expect(errors.join('\n')).toContain(reason);
  });

  it.each([
    ['core/transfer/probe.ts', "import { crc32 } from 'node:zlib';\nexport const a = crc32;\n"],
    ['adapters/s3/probe.ts', "import { ValidationError } from '../../core/errors';\nexport const a = ValidationError;\n"],
    ['functions/api/probe.ts', "import { S3ObjectStore } from '../../adapters/s3/s3ObjectStore';\nexport const a = S3ObjectStore;\n"],
    ['cli/probe.ts', "import { FfmpegProbe } from '../adapters/ffmpeg/ffmpegProbe';\nexport const a = FfmpegProbe;\n"],
    ['web/src/lib/probe.ts', "import type { ValidationError } from '../../../core/errors';\nexport type A = ValidationError;\n"],
  ])('%s: an allowed import passes', async (filePath, text) => {
    expect(await boundaryErrors(filePath, text)).toEqual([]);
  });
});
