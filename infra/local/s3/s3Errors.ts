import S3Error from 's3rver/lib/models/error.js';

/**
 * The S3 errors the extensions raise, as s3rver's own error class so its error
 * handler renders the standard XML body and HTTP status.
 */
export function noSuchUpload(uploadId: string): S3Error {
  return new S3Error(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    { UploadId: uploadId },
  );
}

export function noSuchBucket(bucket: string): S3Error {
  return new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
}

export function preconditionFailed(): S3Error {
  return new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
    Condition: 'If-None-Match',
  });
}

export function invalidArgument(name: string, value: string, message: string): S3Error {
  return new S3Error('InvalidArgument', message, { ArgumentName: name, ArgumentValue: value });
}

export function malformedXml(): S3Error {
  return new S3Error(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
  );
}

export function invalidPart(partNumber: number): S3Error {
  return new S3Error(
    'InvalidPart',
    "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
    { PartNumber: partNumber },
  );
}

export function invalidPartOrder(): S3Error {
  return new S3Error('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.');
}

export function entityTooSmall(partNumber: number, size: number): S3Error {
  return new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', {
    PartNumber: partNumber,
    ProposedSize: size,
    MinSizeAllowed: MIN_PART_SIZE,
  });
}

export function invalidRequest(message: string): S3Error {
  return new S3Error('InvalidRequest', message);
}

/** A body whose `x-amz-checksum-<algorithm>` does not match its bytes. */
export function badDigest(algorithm: string): S3Error {
  return new S3Error('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`);
}

/** A part whose checksum type is not the one its upload was created with (S3's wording, types in lower case). */
export function checksumTypeMismatch(expected: string | null, actual: string | null): S3Error {
  return invalidRequest(
    `Checksum Type mismatch occurred, expected checksum Type: ${expected?.toLowerCase() ?? 'null'}, actual checksum Type: ${actual?.toLowerCase() ?? 'null'}`,
  );
}

/** S3's minimum size for every part but the last. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

/** A body that ended before its Content-Length (the client went away mid-upload). */
export function incompleteBody(): S3Error {
  return new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header');
}

/** A key the stand-in cannot keep on disk (one segment too long for a file name); S3's code for a key over its limit. */
export function keyTooLong(segmentBytes: number): S3Error {
  return new S3Error(
    'KeyTooLongError',
    `Your key is too long for the local S3 stand-in: one segment is ${segmentBytes} bytes, over the 233 bytes a file name can take here.`,
  );
}
