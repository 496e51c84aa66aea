import type { RunManifestStore } from '../ports/runManifestStore';
import type { RunRepository } from '../ports/runRepository';
import { dropPreviousRevision, type DropPreviousRevisionDeps } from './dropPreviousRevision';
import { transferFile } from '../transfer/transferFile';
import type { TransferDeps, TransferOptions, TransferOutcome } from '../transfer/transferTypes';

export interface TransferBatchResult {
  /** True when a file stopped at the deadline or asked for another attempt: call again. */
  readonly remaining: boolean;
  readonly done: number;
  readonly failed: number;
  readonly busy: number;
}

/**
 * One Map iteration of sync-source: transfers a manifest batch, a few files at
 * a time, each resumable. Files already done return at once, so calling again
 * after `remaining` only continues what is left.
 */
export async function transferBatch(
  deps: TransferDeps & { manifests: RunManifestStore; runs?: Pick<RunRepository, 'addProgress'> } & Omit<DropPreviousRevisionDeps, 'files'>,
  request: { tenantId: string; sourceId: string; runId: string; manifestKey: string },
  options: { concurrency: number; transfer: TransferOptions },
): Promise<TransferBatchResult> {
  const batch = await deps.manifests.read(request.manifestKey);
  const queue = [...batch.providerFileIds];
  let remaining = false;
  let done = 0;
  let failed = 0;
  let busy = 0;
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (options.transfer.deadlineMs !== undefined && deps.clock.now().getTime() >= options.transfer.deadlineMs) {
        // Out of time: the next call of this batch picks up the rest.
        remaining = true;
        return;
      }
      const ref = { tenantId: request.tenantId, sourceId: request.sourceId, providerFileId: id };
      const outcome = await transferFile(deps, { ...ref, runId: request.runId }, options.transfer);
      await countProgress(deps, request, outcome);
      // The new revision is stored: its earlier copy under another key goes. A file known to have none is not read again.
      if (outcome.status === 'done' && outcome.previousS3Key !== null) await dropPreviousRevision(deps, ref);
      if (outcome.status === 'done') done += 1;
      else if (outcome.status === 'failed') failed += 1;
      else if (outcome.status === 'busy') busy += 1;
      else if (outcome.status === 'incomplete' || outcome.status === 'retry') remaining = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return { remaining, done, failed, busy };
}

/**
 * A file this call stored counts once in the run's live progress; one an
 * earlier call stored (a batch called again) was counted then. Failed files
 * are counted by the status route from the files themselves.
 */
async function countProgress(
  deps: { runs?: Pick<RunRepository, 'addProgress'> },
  request: { tenantId: string; sourceId: string; runId: string },
  outcome: TransferOutcome,
): Promise<void> {
  if (deps.runs === undefined || outcome.status !== 'done' || outcome.alreadyDone) return;
  try {
    await deps.runs.addProgress(request.tenantId, request.sourceId, request.runId, { storedFiles: 1, storedBytes: outcome.bytes });
  } catch {
    // Live progress is for the page only; the file is stored, and FinishRun counts the run from the files themselves.
  }
}
