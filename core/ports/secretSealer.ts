/**
 * Envelope encryption for secrets at rest (OAuth refresh tokens, service
 * account keys): a fresh data key per secret, wrapped by a master key (KMS in
 * AWS, a local key file in local mode), the secret sealed with AES-256-GCM.
 * The context (tenant, source or connection ids) is bound in, so a sealed
 * value copied to another tenant's row does not open.
 */
export interface SealedSecret {
  readonly v: 1;
  /** Which master key wrapped the data key (KMS key ARN, or `local`). */
  readonly keyId: string;
  readonly wrappedKey: string;
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

export type SealContext = Readonly<Record<string, string>>;

export interface SecretSealer {
  seal(plaintext: string, context: SealContext): Promise<SealedSecret>;
  open(sealed: SealedSecret, context: SealContext): Promise<string>;
}
