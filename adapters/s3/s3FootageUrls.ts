import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FootageUrls } from '../../core/ports/clipStore';

/** Longest life a footage URL gets: the longest Lambda run (15 min) and a margin. */
const MAX_TTL_SEC = 20 * 60;

/**
 * Presigned GET URLs for one object each, for ffmpeg to read footage with
 * HTTP Range requests instead of copying it to /tmp first.
 */
export class S3FootageUrls implements FootageUrls {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  readUrl(s3Key: string, ttlSec: number): Promise<string> {
    const expiresIn = Math.max(60, Math.min(MAX_TTL_SEC, Math.ceil(ttlSec)));
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: s3Key }), { expiresIn });
  }
}
