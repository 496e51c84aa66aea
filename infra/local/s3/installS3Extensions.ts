import type { KoaMiddleware } from 's3rver';
import type S3rver from 's3rver';
import { abortMultipartUpload } from './abortMultipartUpload';
import { completeMultipartUpload } from './completeMultipartUpload';
import { conditionalPutObject } from './conditionalPutObject';
import { listMultipartUploads } from './listMultipartUploads';
import { listParts } from './listParts';
import { refuseUnstorableKey } from './refuseUnstorableKey';
import { requireExistingUpload } from './requireExistingUpload';
import { verifyPartChecksum } from './verifyPartChecksum';

/**
 * The S3 operations s3rver lacks or gets wrong, each a small Koa middleware
 * that answers its own request and passes every other one on.
 */
export const S3_EXTENSIONS: readonly KoaMiddleware[] = [
  refuseUnstorableKey,
  abortMultipartUpload,
  listMultipartUploads,
  listParts,
  requireExistingUpload,
  verifyPartChecksum,
  completeMultipartUpload,
  conditionalPutObject,
];

/**
 * Puts the extensions just before s3rver's router, after its logging, XML
 * rendering and virtual-host rewriting, so they see path-style paths and their
 * plain-object bodies are rendered as XML. Koa composes `middleware` when the
 * server starts listening, so this must run before `run()`.
 */
export function installS3Extensions(server: S3rver): void {
  const routerIndex = server.middleware.findIndex((middleware) => middleware.name === 'dispatch');
  if (routerIndex !== server.middleware.length - 1) {
    // A different s3rver layout would put the extensions in the wrong place; fail loudly.
    throw new Error('s3rver middleware layout changed: expected its router (dispatch) last');
  }
  server.middleware.splice(routerIndex, 0, ...S3_EXTENSIONS);
}
