/** Removes stored objects under a prefix: a source's footage and run manifests when its owner asks. */
export interface FootageCleaner {
  /** Deletes every object under `prefix` (which must end with '/'); returns how many. */
  deletePrefix(prefix: string): Promise<number>;
  /** Deletes one object (an earlier revision's copy); an object already gone counts as deleted. */
  deleteObject(key: string): Promise<void>;
  /** Aborts every multipart upload still open under `prefix` (which must end with '/'); returns how many. */
  abortUploads(prefix: string): Promise<number>;
}
