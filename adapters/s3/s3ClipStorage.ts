import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { attachmentDisposition } from '../../core/events/clipFileName';
import { NotFoundError } from '../../core/errors';
import type { ClipStorage } from '../../core/ports/clipStorage';

/**
 * Clips and exports in the footage bucket. A presigned URL names one object and
 * lives minutes; S3 answers it with Range support, so players seek without
 * downloading the clip. A download name rides in the URL as
 * `response-content-disposition`, which S3 echoes as the header.
 */
export class S3ClipStorage implements ClipStorage {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  signedGetUrl(key: string, options: { readonly expiresInSec: number; readonly downloadName?: string }): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ...(options.downloadName === undefined ? {} : { ResponseContentDisposition: attachmentDisposition(options.downloadName) }),
    });
    return getSignedUrl(this.s3, command, { expiresIn: options.expiresInSec });
  }

  async *read(key: string): AsyncIterable<Uint8Array> {
    let body: AsyncIterable<Uint8Array>;
    try {
      const result = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      body = result.Body as AsyncIterable<Uint8Array>;
    } catch (error) {
      if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) throw new NotFoundError('a clip is missing from storage; search again, and if it stays missing, the order needs processing again', { cause: error, context: { key } });
      throw error;
    }
    yield* body;
  }
}
