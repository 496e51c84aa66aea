import { concludeAttempt } from './concludeAttempt';
import { markStored } from './finishMultipart';
import { handleFailure } from './handleFailure';
import { objectMetadata } from './objectMetadata';
import { readWholeFile } from './readWholeFile';
import { StepFailure, storeFailure } from './stepFailure';
import type { TransferContext } from './transferContext';
import type { TransferOutcome } from './transferTypes';

/**
 * Files of at most one part (and the empty file): read, verify, one PutObject.
 * Nothing is visible before the MD5 matched; a resume simply reads again. The
 * put carries that MD5 as Content-MD5: S3 verifies the whole body against the
 * provider's own MD5, and nothing is hashed twice.
 */
export async function putSmallFile(context: TransferContext): Promise<TransferOutcome> {
  const { deps } = context;
  for (let resumes = 0; ; resumes += 1) {
    try {
      const { bytes, md5 } = await readWholeFile(context);
      if (md5 !== context.expectedMd5) {
        return await concludeAttempt(context, { reason: `checksum mismatch: expected ${context.expectedMd5} got ${md5}`, code: 'checksum_mismatch' }, null);
      }
      try {
        await deps.objectStore.putObject(context.s3Key, bytes, {
          contentType: context.file.mimeType,
          metadata: objectMetadata(context),
          md5Hex: md5,
        });
      } catch (error) {
        throw storeFailure(error);
      }
      return await markStored(context);
    } catch (error) {
      const failure = error instanceof StepFailure ? error : new StepFailure('fatal', error);
      const decision = await handleFailure(context, failure, null, resumes);
      if (!decision.resume) return decision.outcome;
    }
  }
}
