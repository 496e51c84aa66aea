import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { crc32 } from '../../../../core/export/crc32';
import { zipStream } from '../../../../core/export/zipStream';

const run = promisify(execFile);

async function* pieces(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('zipStream', () => {
  let dir = '';
  afterEach(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('computes the standard CRC-32, also when fed in pieces', () => {
    const text = new TextEncoder().encode('123456789');

    expect(crc32(text)).toBe(0xcbf43926);
    expect(crc32(text.subarray(4), crc32(text.subarray(0, 4)))).toBe(0xcbf43926);
  });

  it('writes an archive that Python\'s zipfile reads back byte for byte, UTF-8 names included', async () => {
    const video = new Uint8Array(300_000).map((_, i) => (i * 7919) % 256);
    const csv = new TextEncoder().encode('code,status\r\nGHN1,found\r\n');
    const chunks: Uint8Array[] = [];
    for await (const chunk of zipStream([
      { name: 'results.csv', modified: new Date('2025-07-18T09:30:00Z'), data: () => pieces(csv, 5) },
      { name: 'GHN1_Bàn đóng gói_2025-07-18_09-30-00.mp4', modified: new Date('2025-07-18T09:30:00Z'), data: () => pieces(video, 65_536) },
      { name: 'empty.mp4', modified: new Date('2025-07-18T09:30:00Z'), data: () => pieces(new Uint8Array(0), 1) },
    ])) {
      chunks.push(chunk);
    }
    dir = await mkdtemp(path.join(os.tmpdir(), 'zip-'));
    const file = path.join(dir, 'out.zip');
    await writeFile(file, Buffer.concat(chunks));
    const script = [
      'import sys, zipfile, hashlib, json',
      'z = zipfile.ZipFile(sys.argv[1])',
      'assert z.testzip() is None',
      'print(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}))',
    ].join('\n');

    const { stdout } = await run('python3', ['-c', script, file]);

    const digest = async (bytes: Uint8Array) => Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
    expect(JSON.parse(stdout)).toEqual({
      'results.csv': await digest(csv),
      'GHN1_Bàn đóng gói_2025-07-18_09-30-00.mp4': await digest(video),
      'empty.mp4': await digest(new Uint8Array(0)),
    });
    expect((await readFile(file)).length).toBeGreaterThan(300_000);
  });
});
