/**
 * Messages between startS3StandIn (parent) and s3StandInProcess (child) over
 * the Node IPC channel.
 */
export interface S3StandInChildOptions {
  dataDir: string;
  port: number;
  buckets: readonly string[];
}

export type ChildToParent = { type: 'ready'; port: number } | { type: 'failed'; message: string };

export type ParentToChild = { type: 'stop' };
