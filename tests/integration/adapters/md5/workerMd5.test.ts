import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { TransientError } from '../../../../core/errors';
import { md5HexOfState, newMd5, saveMd5 } from '../../../../core/transfer/md5State';
import { inlineMd5 } from '../../../../core/transfer/runningMd5';
import { stopMd5Thread, workerMd5 } from '../../../../adapters/md5/workerMd5';
import { makeTempDir, removeTempDir } from '../../standins/support/tempDir';

const run = promisify(execFile);
const MiB = 1024 * 1024;
const WORKER_MD5_MODULE = fileURLToPath(new URL('../../../../adapters/md5/workerMd5.ts', import.meta.url));

/** Bytes with no repeating period, on shared memory as the transfer's buffer pool allocates them. */
function sharedBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(new SharedArrayBuffer(length));
  let x = seed;
  for (let i = 0; i < length; i += 1) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

const md5Hex = (...parts: Uint8Array[]): string => {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

const emptyState = async (): Promise<string> => saveMd5(await newMd5());

describe('workerMd5: the running MD5 on a hashing thread', () => {
  afterEach(() => stopMd5Thread());

  test('parts added in order give the MD5 states of the bytes so far, the same states as hashing inline', async () => {
    // Prepare
    const parts = [sharedBytes(3 * MiB, 1), sharedBytes(3 * MiB, 2), sharedBytes(1_234, 3)];
    const onThread = await workerMd5(await emptyState());
    const inline = await inlineMd5(await emptyState());

    // Act: all three in flight at once, as parts are while they upload.
    const states = await Promise.all(parts.map((part) => onThread.add(part)));
    const inlineStates = [];
    for (const part of parts) inlineStates.push(await inline.add(part));
    onThread.close();

    // Assess
    expect(await Promise.all(states.map(md5HexOfState))).toEqual([
      md5Hex(parts[0]!),
      md5Hex(parts[0]!, parts[1]!),
      md5Hex(parts[0]!, parts[1]!, parts[2]!),
    ]);
    expect(states).toEqual(inlineStates);
  });

  test('continues from a saved state, as a resumed transfer does, and bytes not on shared memory are hashed too', async () => {
    // Prepare
    const first = sharedBytes(MiB + 17, 4);
    const second = Uint8Array.from(sharedBytes(MiB, 5));
    const before = await (await inlineMd5(await emptyState())).add(first);

    // Act
    const resumed = await workerMd5(before);
    const after = await resumed.add(second);
    resumed.close();

    // Assess
    expect(await md5HexOfState(after)).toBe(md5Hex(first, second));
  });

  test('transfers running at once each keep their own MD5 on the one thread', async () => {
    // Prepare
    const a = [sharedBytes(MiB, 6), sharedBytes(MiB, 7)];
    const b = [sharedBytes(MiB, 8), sharedBytes(MiB, 9)];
    const [runA, runB] = await Promise.all([workerMd5(await emptyState()), workerMd5(await emptyState())]);

    // Act: interleaved.
    const states = await Promise.all([runA.add(a[0]!), runB.add(b[0]!), runA.add(a[1]!), runB.add(b[1]!)]);

    // Assess
    expect(await md5HexOfState(states[2]!)).toBe(md5Hex(a[0]!, a[1]!));
    expect(await md5HexOfState(states[3]!)).toBe(md5Hex(b[0]!, b[1]!));
  });

  test('a state that is not an MD5 state is refused with a TransientError and the thread goes on serving others', async () => {
    // Prepare
    const broken = await workerMd5(Buffer.from('not a state').toString('base64'));
    const healthy = await workerMd5(await emptyState());
    const bytes = sharedBytes(1_000, 10);

    // Act
    const refused = await broken.add(bytes).catch((error: unknown) => error);
    const state = await healthy.add(bytes);

    // Assess
    expect(refused).toBeInstanceOf(TransientError);
    expect((refused as Error).message).toMatch(/^md5 worker: /);
    expect(await md5HexOfState(state)).toBe(md5Hex(bytes));
  });

  test('when the thread stops, waiting and later parts reject with a TransientError, and the next transfer gets a new thread', async () => {
    // Prepare
    const running = await workerMd5(await emptyState());
    const waiting = running.add(sharedBytes(8 * MiB, 11)).catch((error: unknown) => error);

    // Act
    await stopMd5Thread();
    const later = await running.add(sharedBytes(10, 12)).catch((error: unknown) => error);
    const fresh = await workerMd5(await emptyState());
    const bytes = sharedBytes(100, 13);
    const state = await fresh.add(bytes);

    // Assess
    expect(await waiting).toBeInstanceOf(TransientError);
    expect(later).toBeInstanceOf(TransientError);
    expect(await md5HexOfState(state)).toBe(md5Hex(bytes));
  });

  describe('in a process of its own', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await makeTempDir('worker-md5');
    });
    afterAll(() => removeTempDir(dir));

    test('an idle hashing thread does not keep the process from exiting', async () => {
      // Prepare: a script that hashes one part and then simply ends, never stopping the thread.
      const script = path.join(dir, 'hashOnce.mts');
      await writeFile(
        script,
        [
          `import { newMd5, saveMd5, md5HexOfState } from ${JSON.stringify(fileURLToPath(new URL('../../../../core/transfer/md5State.ts', import.meta.url)))};`,
          `import { workerMd5 } from ${JSON.stringify(WORKER_MD5_MODULE)};`,
          `const running = await workerMd5(saveMd5(await newMd5()));`,
          `console.log(await md5HexOfState(await running.add(new TextEncoder().encode('abc'))));`,
        ].join('\n'),
      );

      // Act: a thread that kept the process alive would hang until the timeout kills it.
      const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { timeout: 30_000, cwd: process.cwd() });

      // Assess
      expect(stdout.trim()).toBe(md5Hex(new TextEncoder().encode('abc')));
    });
  });
});
