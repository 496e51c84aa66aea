import type { ObjectHead, ObjectMetadata } from '../ports/objectStore';
import type { TransferContext } from './transferContext';

/**
 * User metadata every transferred object carries. The provider's MD5 is written
 * at CreateMultipartUpload, before it is verified, but the object only becomes
 * visible at Complete, which runs only after the MD5 matched; so an object with
 * this metadata and the right size holds verified bytes.
 */
export function objectMetadata(context: TransferContext): ObjectMetadata {
  return {
    'vtrack-md5': context.expectedMd5,
    'vtrack-revision': context.file.revision ?? '',
    'vtrack-file-id': context.request.providerFileId,
  };
}

/** Whether the object at the key is this file's verified content (a Complete that already ran). */
export function isVerifiedObject(context: TransferContext, head: ObjectHead | null): boolean {
  return head !== null && head.size === context.size && head.metadata['vtrack-md5'] === context.expectedMd5;
}
