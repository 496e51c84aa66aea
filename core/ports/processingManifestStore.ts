/** One entry of a camera's processing manifest: a stored file in time order, and whether it is to be processed. */
export interface CameraWorkFile {
  readonly providerFileId: string;
  /** False for a neighbour that is only read to complete an order across the boundary. */
  readonly todo: boolean;
}

/** One camera's work in a processing run, in time order. */
export interface CameraWork {
  readonly cameraId: string;
  readonly files: readonly CameraWorkFile[];
}

/**
 * Processing plans written by PlanProcessing and read by each ProcessCamera
 * step, so a state carries only a key however large the backlog.
 */
export interface ProcessingManifestStore {
  write(tenantId: string, sourceId: string, runId: string, work: readonly CameraWork[]): Promise<string[]>;
  read(key: string): Promise<CameraWork>;
}
