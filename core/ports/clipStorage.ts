/**
 * Clips and exports as objects: short-lived presigned GET URLs (which S3 serves
 * with Range, so a player can seek), reading an object as a stream (bulk export),
 * and its size.
 */
export interface ClipStorage {
  /** A GET URL for exactly `key`, valid `expiresInSec`; with `downloadName` the response is an attachment of that name. */
  signedGetUrl(key: string, options: { readonly expiresInSec: number; readonly downloadName?: string }): Promise<string>;
  /** The object's bytes, read as they come (bounded memory); NotFoundError if there is none. */
  read(key: string): AsyncIterable<Uint8Array>;
}
