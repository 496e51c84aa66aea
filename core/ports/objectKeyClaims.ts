/** S3 keys handed out per source, so two files of one name never share a key. */
export interface ObjectKeyClaims {
  /** True when the key is now (or already was) this file's. */
  claim(tenantId: string, sourceId: string, key: string, providerFileId: string): Promise<boolean>;
  /** Gives the key back, if this file still holds it (its object was deleted, or never written). */
  release(tenantId: string, sourceId: string, key: string, providerFileId: string): Promise<void>;
}
