import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';

/** The whole body of a GetObject response as a Buffer (empty when there is none). */
export async function readBody(output: GetObjectCommandOutput): Promise<Buffer> {
  return Buffer.from((await output.Body?.transformToByteArray()) ?? []);
}
