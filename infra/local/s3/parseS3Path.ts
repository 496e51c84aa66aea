/**
 * Splits a path-style S3 request path (`/bucket/some/key`) into bucket and key.
 * The extensions run before s3rver's router, so they decode the path themselves
 * the way the router does (each part percent-decoded; a trailing `/` stays part
 * of the key).
 */
export interface S3Path {
  bucket: string;
  /** Undefined for bucket-level requests (`/bucket` or `/bucket/`). */
  key: string | undefined;
}

export function parseS3Path(rawPath: string): S3Path | undefined {
  const match = /^\/([^/]+)(?:\/(.*))?$/.exec(rawPath);
  if (!match?.[1]) return undefined;
  try {
    const bucket = decodeURIComponent(match[1]);
    const rawKey = match[2];
    return { bucket, key: rawKey ? decodeURIComponent(rawKey) : undefined };
  } catch {
    // A malformed escape is not a request the extensions handle; s3rver answers it.
    return undefined;
  }
}
