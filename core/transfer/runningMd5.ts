import { restoreMd5, saveMd5 } from './md5State';

/**
 * The running MD5 of one file, continued part by part from a saved state.
 * Parts are hashed in the order add() is called, and each add() resolves with
 * the saved state (md5State.ts form) after that part, which is what a
 * checkpoint stores. The bytes must stay unchanged until their add() settles:
 * an implementation may read them later, from another thread.
 */
export interface RunningMd5 {
  add(bytes: Uint8Array): Promise<string>;
  /** Forgets the state; adds not yet settled may reject. Safe to call twice. */
  close(): void;
}

/** Starts a running MD5 from a saved state. */
export type RunningMd5Factory = (state: string) => Promise<RunningMd5>;

/**
 * The running MD5 on the calling thread: each add() hashes the whole part
 * before it returns. The default where no hashing thread is given (tests, and
 * any host without worker threads).
 */
export const inlineMd5: RunningMd5Factory = async (state) => {
  const hasher = await restoreMd5(state);
  return {
    add: async (bytes) => {
      hasher.update(bytes);
      return saveMd5(hasher);
    },
    close: () => undefined,
  };
};
