import { S3Client } from '@aws-sdk/client-s3';
import { localClientConfig } from '../../../../infra/local/awsClientConfig';
import type { RunningService } from '../../../../infra/local/runningService';
import { startS3StandIn } from '../../../../infra/local/s3/startS3StandIn';
import { makeTempDir, removeTempDir } from './tempDir';

export interface S3Fixture {
  readonly s3: RunningService;
  readonly client: S3Client;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** One S3 stand-in with a bucket in a fresh temp folder, and a client for it, per test file. */
export async function startS3Fixture(name: string, bucket: string): Promise<S3Fixture> {
  const dataDir = await makeTempDir(name);
  const s3 = await startS3StandIn({ dataDir, buckets: [bucket] });
  const client = new S3Client(localClientConfig(s3.endpoint));
  return {
    s3,
    client,
    dataDir,
    close: async () => {
      client.destroy();
      await s3.stop();
      await removeTempDir(dataDir);
    },
  };
}
