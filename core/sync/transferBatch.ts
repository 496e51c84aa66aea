import type { RunManifestStore } from '../ports/runManifestStore';
import { dropPreviousRevision, type DropPreviousRevisionDeps } from './dropPreviousRevision';
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
  deps: TransferDeps & { manifests: RunManifestStore } & Omit<DropPreviousRevisionDeps, 'files'>,
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
      // The new revision is stored: its earlier copy under another key goes.
      if (outcome.status === 'done') await dropPreviousRevision(deps, ref);
      if (outcome.status === 'done') done += 1;
      else if (outcome.status === 'failed') failed += 1;
      else if (outcome.status === 'busy') busy += 1;
      else if (outcome.status === 'incomplete' || outcome.status === 'retry') remaining = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return { remaining, done, failed, busy };
}
