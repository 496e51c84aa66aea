/**
 * The configuration every AWS SDK v3 client gets in local mode and in
 * integration tests. Spread it into the client constructor:
 * `new S3Client(localClientConfig(s3.endpoint))`.
 *
 * - Credentials are the ones s3rver verifies signatures with (its built-in
 *   account `S3RVER`); dynalite accepts any.
 * - Path-style addressing: the stand-ins listen on 127.0.0.1, where
 *   virtual-hosted bucket names cannot resolve.
 * - Checksums only when an operation requires them: with the SDK default
 *   (`WHEN_SUPPORTED`) a streamed PutObject is sent with aws-chunked encoding
 *   and trailing checksums, which s3rver stores verbatim and so corrupts the
 *   object; and s3rver returns no checksums to validate.
 */
export interface LocalClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: true;
  requestChecksumCalculation: 'WHEN_REQUIRED';
  responseChecksumValidation: 'WHEN_REQUIRED';
}

export const LOCAL_REGION = 'us-east-1';

export function localClientConfig(endpoint: string): LocalClientConfig {
  return {
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}
