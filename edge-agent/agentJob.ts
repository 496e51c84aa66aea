import type { ProcessedFile } from './processing/cameraHistory';

/** Work the agent keeps in its durable queue, in the order it arrived. */
export interface ProcessJobPayload {
  readonly kind: 'process';
  readonly sourceId: string;
  readonly cameraId: string;
  readonly timeZone: string;
  readonly relativePath: string;
  readonly file: ProcessedFile;
}

export type AgentJob = ProcessJobPayload;
