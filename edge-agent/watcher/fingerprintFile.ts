import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { fingerprintSamples, formatFingerprint } from '../../core/edge/contentFingerprint';

/** Reads the fingerprint samples of a file (see core/edge/contentFingerprint). */
export async function fingerprintFile(absolutePath: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(absolutePath, 'r');
  try {
    for (const sample of fingerprintSamples(size)) {
      const buffer = Buffer.alloc(sample.length);
      let done = 0;
      while (done < sample.length) {
        const { bytesRead } = await handle.read(buffer, done, sample.length - done, sample.offset + done);
        if (bytesRead === 0) throw new Error(`the file became shorter than ${size} bytes while it was read`);
        done += bytesRead;
      }
      hash.update(buffer);
    }
  } finally {
    await handle.close();
  }
  return formatFingerprint(size, hash.digest('hex'));
}
