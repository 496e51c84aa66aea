import { TransientError } from '../errors';
import { newMd5 } from './md5State';
import { readFailure } from './stepFailure';
import type { TransferContext } from './transferContext';

/** A small file (at most one part) read into one buffer, with its MD5. */
export async function readWholeFile(context: TransferContext): Promise<{ bytes: Uint8Array; md5: string }> {
  const { size, deps, request } = context;
  const hasher = await newMd5();
  const bytes = new Uint8Array(size);
  // The empty file has no byte range to ask for.
  if (size === 0) return { bytes, md5: hasher.digest('hex') };
  const reading = new AbortController();
  let filled = 0;
  try {
    const stream = await deps.provider.readRange(request.providerFileId, 0, size - 1, reading.signal);
    for await (const chunk of stream) {
      const take = chunk.subarray(0, Math.min(chunk.byteLength, size - filled));
      bytes.set(take, filled);
      hasher.update(take);
      filled += take.byteLength;
      if (filled === size) break;
    }
    if (filled < size) throw new TransientError(`provider stream ended at byte ${filled} of ${size}`, { context: { filled, size } });
  } catch (error) {
    throw readFailure(error);
  } finally {
    reading.abort();
  }
  return { bytes, md5: hasher.digest('hex') };
}
