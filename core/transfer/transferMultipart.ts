import type { TransferCheckpoint } from '../sync/trackedFile';
import { finishMultipart } from './finishMultipart';
import { handleFailure } from './handleFailure';
import { PumpFailure, pumpParts } from './pumpParts';
import { startUpload } from './startUpload';
import { StepFailure } from './stepFailure';
import type { TransferContext } from './transferContext';
import type { TransferOutcome } from './transferTypes';

/**
 * The multipart path: start (or resume) the upload, pump parts, finish. After
 * a transient failure it resumes from the last stored checkpoint with a new
 * ranged read, so no confirmed byte is read or uploaded twice.
 */
export async function transferMultipart(
  context: TransferContext,
  resumeFrom: TransferCheckpoint | null,
  partSize: number,
): Promise<TransferOutcome> {
  const { deps, options } = context;
  let checkpoint = resumeFrom;
  for (let resumes = 0; ; resumes += 1) {
    try {
      checkpoint ??= await startUpload(context, partSize);
      if (checkpoint.bytesDone < context.size) {
        const pumped = await pumpParts(context, checkpoint);
        checkpoint = pumped.checkpoint;
        if (pumped.stopped) return await stopForDeadline(context, checkpoint);
      }
      return await finishMultipart(context, checkpoint);
    } catch (error) {
      if (error instanceof PumpFailure) checkpoint = error.checkpoint;
      const failure = error instanceof StepFailure ? error : new StepFailure('fatal', error);
      if (failure.kind === 'upload-gone') checkpoint = null;
      const decision = await handleFailure(context, failure, checkpoint, resumes);
      if (!decision.resume) return decision.outcome;
      if (checkpoint !== null && options.deadlineMs !== undefined && deps.clock.now().getTime() >= options.deadlineMs) {
        return stopForDeadline(context, checkpoint);
      }
    }
  }
}

async function stopForDeadline(context: TransferContext, checkpoint: TransferCheckpoint): Promise<TransferOutcome> {
  const { deps, request } = context;
  await deps.files.releaseClaim(request, request.runId, deps.clock.now().toISOString());
  return { status: 'incomplete', bytesDone: checkpoint.bytesDone };
}
