import { type S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { UploadPresigner } from '../../core/ports/uploadPresigner';

/**
 * Presigned UploadPart URLs (SigV4 query signing). `Content-MD5` stays a signed
 * header, not a query parameter, so the URL works only with that exact value and
 * S3 checks the body against it (BadDigest otherwise).
 */
export class S3UploadPresigner implements UploadPresigner {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  presignPart(input: { key: string; uploadId: string; partNumber: number; contentMd5: string; expiresInSeconds: number }): Promise<string> {
    const command = new UploadPartCommand({ Bucket: this.bucket, Key: input.key, UploadId: input.uploadId, PartNumber: input.partNumber, ContentMD5: input.contentMd5 });
    return getSignedUrl(this.client, command, { expiresIn: input.expiresInSeconds, signableHeaders: new Set(['content-md5']) });
  }
}
