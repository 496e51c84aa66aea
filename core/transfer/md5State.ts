import { createMD5, type IHasher } from 'hash-wasm';

/**
 * MD5 whose state survives a process: hash-wasm's save()/load() as base64, the
 * form TransferCheckpoint stores. The state is about 100 bytes whatever the
 * input size. (It may hold up to 63 bytes of not-yet-hashed input, so it is
 * stored with the same care as the file itself.)
 */
export async function newMd5(): Promise<IHasher> {
  return (await createMD5()).init();
}

export async function restoreMd5(state: string): Promise<IHasher> {
  return (await createMD5()).load(fromBase64(state));
}

export function saveMd5(hasher: IHasher): string {
  return toBase64(hasher.save());
}

/** Hex MD5 of the bytes behind a saved state, leaving nothing to clean up. */
export async function md5HexOfState(state: string): Promise<string> {
  return (await restoreMd5(state)).digest('hex');
}

/** A saved state as the bytes hash-wasm's save() gives and load() takes (for another thread). */
export function md5StateBytes(state: string): Uint8Array {
  return fromBase64(state);
}

/** Bytes from hash-wasm's save() as a saved state. */
export function md5StateText(bytes: Uint8Array): string {
  return toBase64(bytes);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
