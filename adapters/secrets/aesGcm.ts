import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealContext } from '../../core/ports/secretSealer';

/** The context as additional authenticated data: keys sorted, so order never matters. */
export function contextAad(context: SealContext): Buffer {
  return Buffer.from(JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b))));
}

export function aesGcmEncrypt(key: Uint8Array, plaintext: Uint8Array, aad: Buffer): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

/** GCM tags are 16 bytes here; a shorter one is refused, never checked as a truncated tag. */
const TAG_BYTES = 16;

export function aesGcmDecrypt(key: Uint8Array, parts: { iv: Buffer; tag: Buffer; ciphertext: Buffer }, aad: Buffer): Buffer {
  if (parts.tag.length !== TAG_BYTES) throw new Error(`the authentication tag must be ${TAG_BYTES} bytes, not ${parts.tag.length}`);
  const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(parts.tag);
  return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]);
}
