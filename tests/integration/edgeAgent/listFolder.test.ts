/**
 * A folder listing for the web app's preview, from the real file system: the
 * files below the folder, or why it cannot be read with a code the web app
 * words in its own language (the English sentence stays for API users).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderListingSchema } from '../../../core/agents/folderListing';
import { listFolder } from '../../../edge-agent/watcher/listFolder';

let base: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'vtrack-list-'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('listFolder', () => {
  it('lists the files below a folder, with no error', async () => {
    const folder = path.join(base, 'Đầu ghi', 'Quầy 1');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'ch_20250718_093000.mp4'), Buffer.alloc(10));

    const listing = await listFolder(path.join(base, 'Đầu ghi'));

    expect(folderListingSchema.parse(listing)).toMatchObject({ files: [{ relativePath: 'Quầy 1/ch_20250718_093000.mp4', bytes: 10 }], error: null, errorCode: null });
  });

  it('says a folder that is not there is not found', async () => {
    const listing = await listFolder(path.join(base, 'chưa gắn ổ'));

    expect(folderListingSchema.parse(listing)).toMatchObject({ files: [], errorCode: 'not_found', error: expect.stringContaining('does not exist') });
  });

  it('says a file given as the folder is not a folder', async () => {
    const file = path.join(base, 'ghi chú.txt');
    await writeFile(file, 'x');

    expect((await listFolder(file)).errorCode).toBe('not_a_folder');
  });
});
