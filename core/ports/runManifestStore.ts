/**
 * The files a run will transfer, written once by the planner in batches and
 * read by each transfer step: a Step Functions state carries only the batch
 * keys, so a run of any size stays far below the 256 KB payload limit.
 */
export interface RunManifestBatch {
  readonly providerFileIds: readonly string[];
}

export interface RunManifestStore {
  /** Writes the batches and returns their keys, in order. */
  write(tenantId: string, sourceId: string, runId: string, batches: readonly RunManifestBatch[]): Promise<string[]>;
  read(key: string): Promise<RunManifestBatch>;
}
