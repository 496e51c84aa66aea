import { md5StateBytes, md5StateText } from '../../core/transfer/md5State';
import type { RunningMd5, RunningMd5Factory } from '../../core/transfer/runningMd5';
import { Md5Thread } from './md5Thread';

let thread: Md5Thread | null = null;
let nextStream = 1;

/**
 * The running MD5 of each transfer on one hashing thread shared by the whole
 * process (started on first use, started again if it stopped), so the thread
 * reading and uploading parts spends none of its time on MD5. Concurrent transfers each
 * get their own stream on that thread.
 */
export const workerMd5: RunningMd5Factory = async (state) => {
  if (thread === null || !thread.alive) thread = Md5Thread.start();
  const owner = thread;
  const stream = nextStream++;
  let from: Uint8Array | undefined = md5StateBytes(state);
  const running: RunningMd5 = {
    add: async (bytes) => {
      const first = from;
      from = undefined;
      return md5StateText(await owner.add(stream, bytes, first));
    },
    close: () => owner.close(stream),
  };
  return running;
};

/** Stops the shared hashing thread, if any (tests). The next transfer starts a new one. */
export async function stopMd5Thread(): Promise<void> {
  const current = thread;
  thread = null;
  await current?.terminate();
}
