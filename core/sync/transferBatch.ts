import type { RunManifestStore } from '../ports/runManifestStore';
import type { RunRepository } from '../ports/runRepository';
import { dropPreviousRevision, type DropPreviousRevisionDeps } from './dropPreviousRevision';
import { StoredProgress } from './storedProgress';
import { transferFile } from '../transfer/transferFile';
import type { TransferDeps, TransferOptions } from '../transfer/transferTypes';

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
  const progress = new StoredProgress(deps, request);
  // The batch's stored files are counted in the usage counters together (flushed every 25 files or 2 seconds), not one by one.
  const storage = deps.storage?.batch?.();
  const fileDeps = storage === undefined ? deps : { ...deps, storage: storage.recorder };
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (options.transfer.deadlineMs !== undefined && deps.clock.now().getTime() >= options.transfer.deadlineMs) {
        // Out of time: the next call of this batch picks up the rest.
        remaining = true;
        return;
      }
      const ref = { tenantId: request.tenantId, sourceId: request.sourceId, providerFileId: id };
      const outcome = await transferFile(fileDeps, { ...ref, runId: request.runId }, options.transfer);
      // A file an earlier call of this batch stored was counted then; failed files are counted by the status route from the files themselves.
      if (outcome.status === 'done' && !outcome.alreadyDone) await progress.stored(outcome.bytes);
      // The new revision is stored: its earlier copy under another key goes. A file known to have none is not read again.
      if (outcome.status === 'done' && outcome.previousS3Key !== null) await dropPreviousRevision(deps, ref);
      if (outcome.status === 'done') done += 1;
      else if (outcome.status === 'failed') failed += 1;
      else if (outcome.status === 'busy') busy += 1;
      else if (outcome.status === 'incomplete' || outcome.status === 'retry') remaining = true;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  } finally {
    // Also when a file threw: the files stored before it are counted, as they were one by one.
    await progress.flush();
    await storage?.flush();
  }
  return { remaining, done, failed, busy };
}
