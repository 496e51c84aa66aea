import { createHash, randomBytes } from 'node:crypto';
import { PermanentError } from '../../core/errors';
import type { SealContext, SealedSecret, SecretSealer } from '../../core/ports/secretSealer';
import { aesGcmDecrypt, aesGcmEncrypt, contextAad } from './aesGcm';

/** Wraps and unwraps data keys: KMS in AWS, a local master key in local mode. */
export interface KeyWrapper {
  readonly keyId: string;
  /** A new 256-bit data key, plain and wrapped. */
  generateDataKey(context: SealContext): Promise<{ plaintext: Uint8Array; wrapped: Uint8Array }>;
  unwrap(wrapped: Uint8Array, context: SealContext): Promise<Uint8Array>;
}

/** Unwrapped data keys kept per warm Lambda, so a scheduled check costs no KMS call. */
const CACHE_LIMIT = 256;

/**
 * The SecretSealer over any KeyWrapper: one data key per secret, AES-256-GCM,
 * the context bound both into the wrap (KMS encryption context) and into GCM.
 */
export class EnvelopeSealer implements SecretSealer {
  private readonly unwrapped = new Map<string, Uint8Array>();

  constructor(private readonly wrapper: KeyWrapper) {}

  async seal(plaintext: string, context: SealContext): Promise<SealedSecret> {
    const dataKey = await this.wrapper.generateDataKey(context);
    const sealed = aesGcmEncrypt(dataKey.plaintext, Buffer.from(plaintext, 'utf8'), contextAad(context));
    return {
      v: 1,
      keyId: this.wrapper.keyId,
      wrappedKey: Buffer.from(dataKey.wrapped).toString('base64'),
      iv: sealed.iv.toString('base64'),
      tag: sealed.tag.toString('base64'),
      ciphertext: sealed.ciphertext.toString('base64'),
    };
  }

  async open(sealed: SealedSecret, context: SealContext): Promise<string> {
    const cacheKey = createHash('sha256').update(sealed.wrappedKey).update(contextAad(context)).digest('base64');
    let key = this.unwrapped.get(cacheKey);
    try {
      if (key === undefined) {
        key = await this.wrapper.unwrap(Buffer.from(sealed.wrappedKey, 'base64'), context);
        if (this.unwrapped.size >= CACHE_LIMIT) this.unwrapped.delete(this.unwrapped.keys().next().value ?? '');
        this.unwrapped.set(cacheKey, key);
      }
      const parts = { iv: Buffer.from(sealed.iv, 'base64'), tag: Buffer.from(sealed.tag, 'base64'), ciphertext: Buffer.from(sealed.ciphertext, 'base64') };
      return aesGcmDecrypt(key, parts, contextAad(context)).toString('utf8');
    } catch (error) {
      throw new PermanentError('a stored secret could not be opened (wrong key or context)', { cause: error });
    }
  }
}

/** Local mode's master key (from the data folder): wraps data keys with AES-256-GCM. */
export function localKeyWrapper(masterKey: Uint8Array): KeyWrapper {
  if (masterKey.length !== 32) throw new Error('the local master key must be 32 bytes');
  return {
    keyId: 'local',
    generateDataKey: (context) => {
      const plaintext = randomBytes(32);
      const wrapped = aesGcmEncrypt(masterKey, plaintext, contextAad(context));
      return Promise.resolve({ plaintext, wrapped: Buffer.concat([wrapped.iv, wrapped.tag, wrapped.ciphertext]) });
    },
    unwrap: (wrapped, context) => {
      const bytes = Buffer.from(wrapped);
      const parts = { iv: bytes.subarray(0, 12), tag: bytes.subarray(12, 28), ciphertext: bytes.subarray(28) };
      return Promise.resolve(aesGcmDecrypt(masterKey, parts, contextAad(context)));
    },
  };
}
