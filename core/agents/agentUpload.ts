/** What an agent uploads: a clip it cut, or an original footage file (when the tenant keeps originals). */
export type AgentUploadKind = 'clip' | 'footage';

/**
 * A multipart upload an agent started, as the cloud keeps it. The agent knows
 * it by `id` only; the S3 key and S3's own upload id never leave the cloud, so
 * an agent cannot name a key. `open` until completed or aborted; a completed
 * one is kept (with its result) so that completing again answers the same.
 */
export interface AgentUpload {
  readonly tenantId: string;
  readonly agentId: string;
  readonly id: string;
  readonly sourceId: string;
  readonly kind: AgentUploadKind;
  readonly key: string;
  readonly s3UploadId: string;
  readonly size: number;
  readonly partSize: number;
  readonly partCount: number;
  /** MD5 of the whole file as the agent read it, recorded with the object (`x-amz-meta-md5`). */
  readonly md5Hex: string;
  readonly state: 'open' | 'completed';
  /** ETag of the completed object, as the store gave it. */
  readonly etag: string | null;
  /** A digest of the part list it was completed with, so completing again with the same parts answers the same. */
  readonly partsDigest: string | null;
  readonly createdAt: string;
  /** Last time a part URL was handed out or the upload changed: stale uploads are aborted. */
  readonly updatedAt: string;
}
