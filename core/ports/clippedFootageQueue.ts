/**
 * A processed recording of a `keep: clips_only` source that waits for its next
 * recording before its footage may expire; at `dueAt` (24 hours after it was
 * processed) it expires anyway.
 */
export interface ClippedFootageWait {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly providerFileId: string;
  /** The stored copy whose tag becomes `footage-clipped`. */
  readonly s3Key: string;
  /** ISO UTC. */
  readonly dueAt: string;
}

/** The waits of clips-only footage, found by due time without a scan. */
export interface ClippedFootageQueue {
  /** Adds or replaces the file's wait. */
  wait(item: ClippedFootageWait): Promise<void>;
  /** Waits due before `before` (ISO), oldest first, at most `limit`. */
  due(before: string, limit: number): Promise<readonly ClippedFootageWait[]>;
  /** The file no longer waits (tagged, or nothing to do); idempotent. */
  done(ref: { readonly tenantId: string; readonly sourceId: string; readonly providerFileId: string }): Promise<void>;
}
